using OppBot.Domain.Audit;

namespace OppBot.Domain.Webhooks;

/// <summary>
/// The configured endpoints, turning saved domain events into <see cref="WebhookDelivery"/> rows. The store calls
/// <see cref="DeliveriesFor"/> with the events it is about to save and inserts the rows in the same transaction, so a
/// committed event has exactly one row per endpoint that wants it, and an event that was rolled back has none.
/// </summary>
/// <param name="subscriptions">The endpoints.</param>
public sealed class WebhookSubscriptions(IReadOnlyList<WebhookSubscription> subscriptions)
{
    /// <summary>The endpoints.</summary>
    public IReadOnlyList<WebhookSubscription> All { get; } = subscriptions ?? throw new ArgumentNullException(nameof(subscriptions));

    /// <summary>One delivery per event and endpoint that wants it, due at the event's time.</summary>
    public IReadOnlyList<WebhookDelivery> DeliveriesFor(IEnumerable<DomainEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (All.Count == 0)
        {
            return [];
        }

        var deliveries = new List<WebhookDelivery>();
        foreach (var e in events)
        {
            var wanting = All.Where(s => s.Wants(e.Type)).ToList();
            if (wanting.Count == 0)
            {
                continue;
            }

            var payload = WebhookPayload.Render(e);
            deliveries.AddRange(wanting.Select(s => new WebhookDelivery(s.Endpoint, e, payload)));
        }

        return deliveries;
    }
}
