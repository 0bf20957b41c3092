using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain.Scheduling;

/// <summary>
/// A team's pipeline review over a period (the seven days before <see cref="To"/>): what was created, won and lost,
/// what is at risk, the biggest weighted deals and each rep's open deals. A value: the cards are drawn from it by
/// <see cref="ReviewCards"/> in each reader's language.
/// </summary>
public sealed record TeamReview
{
    /// <summary>How many deals the top list shows.</summary>
    public const int TopCount = 5;

    /// <summary>The team.</summary>
    public required Team Team { get; init; }

    /// <summary>The team's manager, when configured and known.</summary>
    public SalesRep? Manager { get; init; }

    /// <summary>Start of the period (inclusive).</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>End of the period: when the review was built.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Deals created in the period, by number.</summary>
    public required IReadOnlyList<Opportunity> NewDeals { get; init; }

    /// <summary>Deals won in the period, by number.</summary>
    public required IReadOnlyList<Opportunity> Won { get; init; }

    /// <summary>Deals lost in the period, by number.</summary>
    public required IReadOnlyList<Opportunity> Lost { get; init; }

    /// <summary>Open deals now, by number.</summary>
    public required IReadOnlyList<Opportunity> Open { get; init; }

    /// <summary>Open deals stalled, overdue or flagged for review, by number.</summary>
    public required IReadOnlyList<Opportunity> AtRisk { get; init; }

    /// <summary>The <see cref="TopCount"/> open deals with the largest weighted amount.</summary>
    public required IReadOnlyList<Opportunity> Top { get; init; }

    /// <summary>Each owner of an open or won deal, by name.</summary>
    public required IReadOnlyList<RepReview> Reps { get; init; }

    /// <summary>Display names of the people involved.</summary>
    public required IReadOnlyDictionary<Guid, string> Names { get; init; }

    /// <summary>The settings the review was built with.</summary>
    public required DomainSettings Settings { get; init; }

    /// <summary>Σ weighted amount of the open deals.</summary>
    public decimal Weighted => Open.Sum(o => o.WeightedAmount(Settings));

    /// <summary>
    /// Builds the review of <paramref name="team"/> from its deals: <paramref name="deals"/> must hold at least the
    /// team's open deals and those changed since <paramref name="from"/> (duplicates are ignored).
    /// </summary>
    public static TeamReview Create(
        Team team,
        SalesRep? manager,
        IEnumerable<SalesRep> people,
        IEnumerable<Opportunity> deals,
        DomainSettings settings,
        DateTimeOffset from,
        DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(settings);
        var all = deals.Where(o => o.TeamId == team.Id).DistinctBy(o => o.Id).OrderBy(o => o.Number).ToList();
        bool InPeriod(DateTimeOffset at) => at >= from && at <= to;
        var open = all.Where(o => o.Status == OpportunityStatus.Open).ToList();
        var won = all.Where(o => o.Status == OpportunityStatus.Won && InPeriod(o.StageEnteredAt)).ToList();
        var atRisk = open.Where(o => o.IsStalled(settings, to) || o.IsOverdue(to) || o.FlaggedForReview).ToList();
        var byId = people.DistinctBy(p => p.Id).ToDictionary(p => p.Id);
        var reps = open.Concat(won).Where(o => o.OwnerId is not null).GroupBy(o => o.OwnerId!.Value).Select(g =>
        {
            var mine = open.Where(o => o.OwnerId == g.Key).ToList();
            return new RepReview(
                g.Key,
                byId.GetValueOrDefault(g.Key),
                mine,
                mine.Sum(o => o.WeightedAmount(settings)),
                won.Where(o => o.OwnerId == g.Key).ToList(),
                mine.Count(atRisk.Contains));
        }).ToList();
        var names = byId.ToDictionary(p => p.Key, p => p.Value.DisplayName);
        return new TeamReview
        {
            Team = team,
            Manager = manager,
            From = from,
            To = to,
            NewDeals = all.Where(o => InPeriod(o.CreatedAt)).ToList(),
            Won = won,
            Lost = all.Where(o => o.Status == OpportunityStatus.Lost && InPeriod(o.StageEnteredAt)).ToList(),
            Open = open,
            AtRisk = atRisk,
            Top = open.OrderByDescending(o => o.WeightedAmount(settings)).ThenBy(o => o.Number).Take(TopCount).ToList(),
            Reps = [.. reps.OrderBy(r => names.GetValueOrDefault(r.RepId, "~"), StringComparer.Ordinal).ThenBy(r => r.RepId)],
            Names = names,
            Settings = settings,
        };
    }
}
