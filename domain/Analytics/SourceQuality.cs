using OppBot.Domain.Opportunities;

namespace OppBot.Domain.Analytics;

/// <summary>How good the leads of one source are.</summary>
/// <param name="Source">The lead source.</param>
/// <param name="Deals">Every deal from it, and their amount.</param>
/// <param name="Open">How many are still open.</param>
/// <param name="Won">Won deals, and the won amount.</param>
/// <param name="Lost">How many were lost.</param>
/// <param name="ConversionToWon">Won ÷ all deals from the source (4 places).</param>
/// <param name="WinRate">Won ÷ (won + lost), null when none closed.</param>
public sealed record SourceLine(LeadSource Source, DealTally Deals, int Open, DealTally Won, int Lost, decimal ConversionToWon, decimal? WinRate);

/// <summary>Lead-source quality: deals, conversion to won and won amount per source, best won amount first. Pure.</summary>
/// <param name="Sources">One line per source that has deals.</param>
public sealed record SourceQuality(IReadOnlyList<SourceLine> Sources)
{
    /// <summary>The quality of each source among <paramref name="deals"/>.</summary>
    public static SourceQuality Compute(IEnumerable<Opportunity> deals)
    {
        ArgumentNullException.ThrowIfNull(deals);
        var lines = deals.GroupBy(o => o.Source).Select(g =>
        {
            var won = g.Where(o => o.Status == OpportunityStatus.Won).ToList();
            var lost = g.Count(o => o.Status == OpportunityStatus.Lost);
            return new SourceLine(
                g.Key,
                DealTally.Of(g),
                g.Count(o => o.Status == OpportunityStatus.Open),
                DealTally.Of(won),
                lost,
                Ratio.Of(won.Count, g.Count()) ?? 0m,
                Ratio.Of(won.Count, won.Count + lost));
        })
        .OrderByDescending(l => l.Won.Amount)
        .ThenByDescending(l => l.Deals.Count)
        .ThenBy(l => l.Source)
        .ToList();
        return new SourceQuality(lines);
    }
}
