using OppBot.Domain.Opportunities;

namespace OppBot.Domain.Analytics;

/// <summary>One loss reason's share of the lost deals.</summary>
/// <param name="Reason">The reason (a code no longer configured is shown by its code).</param>
/// <param name="Lost">Deals lost for it, and their amount.</param>
/// <param name="Share">Its share of all lost deals by count (4 places).</param>
public sealed record LossLine(LossReason Reason, DealTally Lost, decimal Share);

/// <summary>Why deals were lost: count, amount and share per reason, most frequent first (then by amount). Pure.</summary>
/// <param name="Lost">All lost deals among those given.</param>
/// <param name="Reasons">One line per reason that occurred.</param>
public sealed record LossBreakdown(DealTally Lost, IReadOnlyList<LossLine> Reasons)
{
    /// <summary>The breakdown of the lost deals among <paramref name="deals"/> (the caller picks the period).</summary>
    public static LossBreakdown Compute(IEnumerable<Opportunity> deals, DomainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(settings);
        var lost = deals.Where(o => o.Status == OpportunityStatus.Lost).ToList();
        var lines = lost
            .GroupBy(o => o.LossReason ?? string.Empty, StringComparer.Ordinal)
            .Select(g => new LossLine(
                settings.LossReasons.FirstOrDefault(r => r.Code == g.Key) ?? new LossReason(g.Key, g.Key, g.Key),
                DealTally.Of(g),
                Ratio.Of(g.Count(), lost.Count) ?? 0m))
            .OrderByDescending(l => l.Lost.Count)
            .ThenByDescending(l => l.Lost.Amount)
            .ThenBy(l => l.Reason.Code, StringComparer.Ordinal)
            .ToList();
        return new LossBreakdown(DealTally.Of(lost), lines);
    }
}
