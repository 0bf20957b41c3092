using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OppBot.Adapters.Teams.Auth;
using OppBot.Adapters.Teams.Cards;
using OppBot.Domain.Delivery;

namespace OppBot.Adapters.Teams;

/// <summary>The Teams adapter's one <c>Add…</c>/<c>Map…</c> pair for Program.cs.</summary>
public static class TeamsChannel
{
    /// <summary>The messaging endpoint registered on the Azure Bot resource.</summary>
    public const string Route = "/api/messages";

    /// <summary>
    /// Registers the "Bot" options (validated at start), token validation, the outbound token source, the typed
    /// <see cref="ConnectorClient"/>, the endpoint and <see cref="TeamsSender"/> as a scoped <see cref="IChannelSender"/>.
    /// The host registers <c>OppBotConversation</c> (scoped) and <see cref="TimeProvider"/>.
    /// </summary>
    public static WebApplicationBuilder AddTeamsChannel(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<TeamsOptions>()
            .BindConfiguration(TeamsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TeamsTurn>(TeamsTurns.Conversation);
        services.TryAddSingleton<AdaptiveCardRenderer>();
        services.AddSingleton<ActivityReader>();
        services.AddSingleton<ServiceUrlTrust>();
        services.AddSingleton<ConversationPacer>();
        services.AddSingleton<TeamsDeliveryMemory>();
        services.AddSingleton<InboundTokenValidator>();
        services.AddSingleton<OutboundTokenSource>();
        services.AddScoped<TeamsEndpoint>();
        services.AddScoped<IChannelSender, TeamsSender>();

        // The metadata and token clients are held by long-lived singletons, so connections are recycled by the
        // handler (PooledConnectionLifetime) rather than by the factory's handler rotation.
        services.AddHttpClient(InboundTokenValidator.MetadataClientName, ConfigureTimeout)
            .ConfigurePrimaryHttpMessageHandler(PooledHandler)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddHttpClient(OutboundTokenSource.ClientName, ConfigureTimeout)
            .ConfigurePrimaryHttpMessageHandler(PooledHandler);
        services.AddHttpClient<ConnectorClient>(ConfigureTimeout);

        return builder;
    }

    /// <summary>Maps POST <see cref="Route"/>; warns once at start when authentication is off.</summary>
    public static WebApplication MapTeamsChannel(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<IOptions<TeamsOptions>>().Value.AuthenticationEnabled)
        {
            Log.AuthenticationDisabled(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsChannel).FullName!));
        }

        app.MapPost(Route, (HttpContext context, TeamsEndpoint endpoint, CancellationToken cancellationToken) =>
                endpoint.HandleAsync(context, cancellationToken))
            .DisableAntiforgery();
        return app;
    }

    private static void ConfigureTimeout(IServiceProvider services, HttpClient client) =>
        client.Timeout = services.GetRequiredService<IOptions<TeamsOptions>>().Value.RequestTimeout;

    private static HttpMessageHandler PooledHandler() => new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
    };
}
