using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;

namespace OppBot.Adapters.WeCom;

/// <summary>
/// Plugs WeCom into the host: <c>builder.AddWeComChannel()</c> and <c>app.MapWeComChannel()</c>.
/// With <c>WeCom:CorpId</c> empty both do nothing: no endpoint (404) and no sender.
/// </summary>
public static class WeComChannel
{
    /// <summary>
    /// Binds and validates the "WeCom" section at start, and registers the crypto, the API client with its shared
    /// access-token cache, the endpoint and the <see cref="IChannelSender"/> for channel <c>wecom</c>.
    /// </summary>
    public static WebApplicationBuilder AddWeComChannel(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsEnabled(builder.Configuration))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<WeComOptions>()
            .BindConfiguration(WeComOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WeComOptions>, WeComOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WeComOptions>>().Value;
            return new WeComCrypto(options.Token!, options.EncodingAESKey!, options.CorpId!);
        });
        services.AddSingleton<WeComAccessTokenCache>();
        services.AddHttpClient<WeComApiClient>(http => http.Timeout = TimeSpan.FromSeconds(10))

            // The sender is a singleton and keeps its client; pooled connections still follow DNS changes.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)

            // The default HttpClient logs print URLs, and ours carry the access token or the robot key.
            .RemoveAllLoggers();
        services.AddSingleton<WeComEndpoint>();
        services.AddSingleton<WeComSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<WeComSender>());
        return builder;
    }

    /// <summary>Maps GET (URL verification) and POST (messages and events) on <c>/api/wecom/callback</c>.</summary>
    public static WebApplication MapWeComChannel(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!IsEnabled(app.Configuration))
        {
            return app;
        }

        app.MapGet(
            WeComEndpoint.Path,
            (WeComEndpoint endpoint,
                [FromQuery(Name = "msg_signature")] string? msgSignature,
                [FromQuery] string? timestamp,
                [FromQuery] string? nonce,
                [FromQuery] string? echostr) => endpoint.Verify(msgSignature, timestamp, nonce, echostr));

        app.MapPost(
            WeComEndpoint.Path,
            (HttpContext context, WeComEndpoint endpoint, WeComApiClient api) => endpoint.ReceiveAsync(
                context.Request,
                (message, cancellationToken) => context.RequestServices
                    .GetRequiredService<OppBotConversation>()
                    .HandleAsync(message, cancellationToken),
                api,
                context.RequestAborted));
        return app;
    }

    private static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{WeComOptions.SectionName}:{nameof(WeComOptions.CorpId)}"]);
}
