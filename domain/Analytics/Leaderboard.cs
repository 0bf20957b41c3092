using OppBot.Domain.Integrations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain.Analytics;

/// <summary>One rep's line of the leaderboard (or the team's total, with no rep).</summary>
/// <param name="RepId">The rep; null on the team's total.</param>
/// <param name="Name">The rep's display name; null on the team's total or for a person not known.</param>
/// <param name="Won">Deals owned by the rep and won in the period, and the won amount.</param>
/// <param name="Lost">Deals owned by the rep and lost in the period.</param>
/// <param name="WinRate">Won ÷ (won + lost) in the period, null when nothing closed.</param>
/// <param name="FollowUps">Follow-ups the rep logged in the period (on any of the deals given).</param>
/// <param name="OverdueNextSteps">Open deals owned by the rep whose next step is overdue now.</param>
/// <param name="Target">The monthly won-amount target, if set.</param>
public sealed record LeaderboardLine(Guid? RepId, string? Name, DealTally Won, int Lost, decimal? WinRate, int FollowUps, int OverdueNextSteps, decimal? Target)
{
    /// <summary>Won amount ÷ target (4 places), null without a target.</summary>
    public decimal? Attainment => Ratio.Of(Won.Amount, Target);
}

/// <summary>
/// The per-rep leaderboard of a month: won amount, win rate, follow-ups logged and overdue next steps, against the
/// individual and team monthly targets. Reps are ordered by won amount, then win rate, then name. Pure.
/// </summary>
/// <param name="Period">The month.</param>
/// <param name="Reps">One line per person with role Rep among those given (an API key's person only when it has deals),
/// and per other person who owns one of the deals or logged a follow-up on one in the period.</param>
/// <param name="Team">The totals over all the deals given, against the team's target.</param>
public sealed record Leaderboard(ReportPeriod Period, IReadOnlyList<LeaderboardLine> Reps, LeaderboardLine Team)
{
    /// <summary>The leaderboard of <paramref name="deals"/> for the calendar month of <paramref name="now"/> in <paramref name="zone"/>.</summary>
    public static Leaderboard Compute(
        IReadOnlyCollection<Opportunity> deals,
        IReadOnlyCollection<SalesRep> people,
        SalesTargets targets,
        DateTimeOffset now,
        TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(targets);
        var period = ReportPeriod.Month(now, zone);
        var names = people.DistinctBy(p => p.Id).ToDictionary(p => p.Id, p => p.DisplayName);
        var followUps = deals.SelectMany(o => o.FollowUps).Where(f => period.Contains(f.At)).ToList();
        var ids = people.Where(p => p.Role == Role.Rep && !ApiKey.IsIntegration(p)).Select(p => p.Id)
            .Concat(deals.Select(o => o.OwnerId).OfType<Guid>())
            .Concat(followUps.Select(f => f.ById))
            .Distinct();
        var lines = ids.Select(id => Line(id, names.GetValueOrDefault(id), deals.Where(o => o.OwnerId == id).ToList(), followUps.Count(f => f.ById == id), targets.Of(id), period, now))
            .OrderByDescending(l => l.Won.Amount)
            .ThenByDescending(l => l.WinRate ?? -1m)
            .ThenBy(l => l.Name ?? "\uffff", StringComparer.Ordinal)
            .ThenBy(l => l.RepId)
            .ToList();
        return new Leaderboard(period, lines, Line(null, null, deals, followUps.Count, targets.Team, period, now));
    }

    private static LeaderboardLine Line(Guid? id, string? name, IReadOnlyCollection<Opportunity> owned, int followUps, decimal? target, ReportPeriod period, DateTimeOffset now)
    {
        var won = owned.Where(o => ClosedAt.WonIn(o, period)).ToList();
        var lost = owned.Count(o => ClosedAt.LostIn(o, period));
        return new LeaderboardLine(id, name, DealTally.Of(won), lost, Ratio.Of(won.Count, won.Count + lost), followUps, owned.Count(o => o.IsOverdue(now)), target);
    }
}
