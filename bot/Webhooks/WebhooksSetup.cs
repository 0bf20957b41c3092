using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OppBot.Adapters.Persistence;
using OppBot.Bot.Csv;
using OppBot.Domain.People;
using OppBot.Domain.Webhooks;

namespace OppBot.Bot.Webhooks;

/// <summary>Webhooks out: the endpoints' subscriptions (read by the store when it saves events), the sender, the log.</summary>
public static class WebhooksSetup
{
    /// <summary>
    /// Binds and checks the "Webhooks" section at start; registers <see cref="WebhookSubscriptions"/> (the EF store then
    /// writes a delivery row per saved event and endpoint, in the event's transaction), the
    /// <see cref="WebhookDeliveryStore"/>, the typed <see cref="WebhookClient"/> and the <see cref="WebhookSender"/>.
    /// </summary>
    public static WebApplicationBuilder AddOppBotWebhooks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new WebhookSubscriptions(
            provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Endpoints
                .Select(e => new WebhookSubscription(e.Name, e.Events.Select(Parse).ToHashSet()))
                .ToList()));
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddHttpClient<WebhookClient>((provider, client) =>
            client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout);
        services.TryAddSingleton<ApiCaller>((_, _) => ValueTask.FromResult<SalesRep?>(null));
        services.AddHostedService<WebhookSender>();
        return builder;
    }

    /// <summary>GET /api/v1/webhooks/deliveries.</summary>
    public static WebApplication MapOppBotWebhooks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/v1/webhooks/deliveries", WebhookEndpoints.ListAsync);
        return app;
    }

    private static Domain.Audit.EventType Parse(string name) =>
        WebhookEvents.TryParse(name, out var type) ? type : throw new InvalidOperationException($"Unknown webhook event '{name}'.");
}
