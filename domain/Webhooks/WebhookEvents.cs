using OppBot.Domain.Audit;

namespace OppBot.Domain.Webhooks;

/// <summary>
/// The domain events posted to webhooks and their names on the wire. Names are stable: receivers switch on them.
/// Other events (next step set, pool moves ...) stay inside OppBot.
/// </summary>
public static class WebhookEvents
{
    private static readonly Dictionary<EventType, string> Names = new()
    {
        [EventType.Created] = "opportunity.created",
        [EventType.StageChanged] = "opportunity.stage_changed",
        [EventType.Won] = "opportunity.won",
        [EventType.Lost] = "opportunity.lost",
        [EventType.ApprovalDecided] = "approval.decided",
        [EventType.FollowUpLogged] = "follow_up.logged",
    };

    /// <summary>The events that are posted.</summary>
    public static IReadOnlyCollection<EventType> Supported => Names.Keys;

    /// <summary>The wire name of a supported event (<c>opportunity.won</c>), or null for one that is not posted.</summary>
    public static string? NameOf(EventType type) => Names.GetValueOrDefault(type);

    /// <summary>
    /// Reads an event filter entry: the wire name (<c>opportunity.won</c>), the part after the dot (<c>won</c>,
    /// <c>stage_changed</c>) or the event's name (<c>StageChanged</c>), case-insensitive.
    /// </summary>
    public static bool TryParse(string text, out EventType type)
    {
        var t = (text ?? string.Empty).Trim();
        foreach (var (candidate, name) in Names)
        {
            if (t.Equals(name, StringComparison.OrdinalIgnoreCase)
                || t.Equals(name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..], StringComparison.OrdinalIgnoreCase)
                || t.Equals(candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
