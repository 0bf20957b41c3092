using Microsoft.Extensions.DependencyInjection.Extensions;

// The parent namespace, not OppBot.Bot.Delivery: a namespace of that name would hide the domain's Delivery type
// from all code under OppBot.Bot (tests included).
namespace OppBot.Bot;

/// <summary>The outbox's way out: the delivery loop and the signal that wakes it.</summary>
public static class DeliverySetup
{
    /// <summary>
    /// Binds and checks the "Delivery" section at start and registers <see cref="DeliverySignal"/> and the
    /// <see cref="DeliveryLoop"/> hosted service. Senders are whatever <c>IChannelSender</c>s the adapters registered.
    /// </summary>
    public static WebApplicationBuilder AddOppBotDelivery(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DeliveryOptions>()
            .BindConfiguration(DeliveryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddHostedService<DeliveryLoop>();
        return builder;
    }

    /// <summary>
    /// Pokes the delivery loop after every POST the app answers without a server error: the channel endpoints save a
    /// turn (and its replies in the outbox) before they answer, and they need not know about the loop.
    /// </summary>
    public static WebApplication UseDeliverySignal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var signal = app.Services.GetRequiredService<DeliverySignal>();
        app.Use(async (context, next) =>
        {
            await next(context);
            if (HttpMethods.IsPost(context.Request.Method) && context.Response.StatusCode < StatusCodes.Status500InternalServerError)
            {
                signal.Notify();
            }
        });
        return app;
    }
}
