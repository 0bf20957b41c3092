using OppBot.Domain.Audit;

namespace OppBot.Domain.Webhooks;

/// <summary>One configured endpoint as the domain sees it: its name and which events it wants.</summary>
/// <param name="Endpoint">The endpoint's configured name (its URL and secret stay in the host's configuration).</param>
/// <param name="Events">The events it wants; empty means every one of <see cref="WebhookEvents.Supported"/>.</param>
public sealed record WebhookSubscription(string Endpoint, IReadOnlySet<EventType> Events)
{
    /// <summary>Whether the endpoint wants <paramref name="type"/>.</summary>
    public bool Wants(EventType type) => WebhookEvents.NameOf(type) is not null && (Events.Count == 0 || Events.Contains(type));
}
