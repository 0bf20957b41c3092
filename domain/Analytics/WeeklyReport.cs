using OppBot.Domain.Integrations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain.Analytics;

/// <summary>One rep's line of the weekly report.</summary>
/// <param name="RepId">The rep.</param>
/// <param name="Name">The display name, null for a person not known.</param>
/// <param name="New">Deals the rep owns that were created in the week.</param>
/// <param name="Advanced">Deals the rep owns that moved forward to a later active stage in the week.</param>
/// <param name="Won">Deals the rep owns that were won in the week.</param>
/// <param name="Lost">Deals the rep owns that were lost in the week.</param>
/// <param name="FollowUps">Follow-ups the rep logged in the week.</param>
/// <param name="Open">The rep's open deals now, and their amount.</param>
/// <param name="Weighted">Σ amount × stage probability of those.</param>
/// <param name="OverdueNextSteps">Those whose next step is overdue now.</param>
public sealed record WeeklyRepLine(Guid RepId, string? Name, DealTally New, DealTally Advanced, DealTally Won, DealTally Lost, int FollowUps, DealTally Open, decimal Weighted, int OverdueNextSteps);

/// <summary>
/// The weekly report of a week window: what was created, advanced, won and lost in it, this month's forecast against
/// the target, the biggest stalled deals and one line per rep. Pure; the same figures feed the <c>report</c> command and
/// <c>GET /api/v1/reports/weekly</c>.
/// </summary>
/// <param name="Week">The window, normally <see cref="ReportPeriod.WeekBefore"/>.</param>
/// <param name="New">Deals created in the week, by number.</param>
/// <param name="Advanced">Deals with at least one forward move between active stages in the week (a win counts as won, not here), by number.</param>
/// <param name="Won">Deals won in the week, by number.</param>
/// <param name="Lost">Deals lost in the week, by number.</param>
/// <param name="Month">This month's forecast against the team's monthly target.</param>
/// <param name="Stalled">How many open deals are stalled now.</param>
/// <param name="TopStalled">The <see cref="TopCount"/> largest stalled open deals (by amount, then number).</param>
/// <param name="Reps">One line per person with role Rep (an API key's person only when it owns deals) and per other owner
/// of one of the deals, by name.</param>
public sealed record WeeklyReport(
    ReportPeriod Week,
    IReadOnlyList<Opportunity> New,
    IReadOnlyList<Opportunity> Advanced,
    IReadOnlyList<Opportunity> Won,
    IReadOnlyList<Opportunity> Lost,
    ForecastPeriod Month,
    int Stalled,
    IReadOnlyList<Opportunity> TopStalled,
    IReadOnlyList<WeeklyRepLine> Reps)
{
    /// <summary>How many stalled deals the report lists.</summary>
    public const int TopCount = 5;

    /// <summary>
    /// Computes the report of <paramref name="week"/> over <paramref name="deals"/> (which must include the deals
    /// closed in the week and all open ones), with this month's forecast in <paramref name="zone"/>.
    /// </summary>
    public static WeeklyReport Compute(
        IReadOnlyCollection<Opportunity> deals,
        IReadOnlyCollection<SalesRep> people,
        DomainSettings settings,
        SalesTargets targets,
        ReportPeriod week,
        DateTimeOffset now,
        TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(week);
        var ordered = deals.DistinctBy(o => o.Id).OrderBy(o => o.Number).ToList();
        var created = ordered.Where(o => week.Contains(o.CreatedAt)).ToList();
        var advanced = ordered.Where(o => AdvancedIn(o, week, settings)).ToList();
        var won = ordered.Where(o => ClosedAt.WonIn(o, week)).ToList();
        var lost = ordered.Where(o => ClosedAt.LostIn(o, week)).ToList();
        var open = ordered.Where(o => o.Status == OpportunityStatus.Open).ToList();
        var stalled = open.Where(o => o.IsStalled(settings, now)).ToList();
        var names = people.DistinctBy(p => p.Id).ToDictionary(p => p.Id, p => p.DisplayName);
        var followUps = ordered.SelectMany(o => o.FollowUps).Where(f => week.Contains(f.At)).ToList();
        var ids = people.Where(p => p.Role == Role.Rep && !ApiKey.IsIntegration(p)).Select(p => p.Id).Concat(ordered.Select(o => o.OwnerId).OfType<Guid>()).Distinct();
        var reps = ids.Select(id =>
        {
            bool Mine(Opportunity o) => o.OwnerId == id;
            var mine = open.Where(Mine).ToList();
            return new WeeklyRepLine(
                id,
                names.GetValueOrDefault(id),
                DealTally.Of(created.Where(Mine)),
                DealTally.Of(advanced.Where(Mine)),
                DealTally.Of(won.Where(Mine)),
                DealTally.Of(lost.Where(Mine)),
                followUps.Count(f => f.ById == id),
                DealTally.Of(mine),
                mine.Sum(o => o.WeightedAmount(settings)),
                mine.Count(o => o.IsOverdue(now)));
        })
        .OrderBy(l => l.Name ?? "\uffff", StringComparer.Ordinal)
        .ThenBy(l => l.RepId)
        .ToList();

        return new WeeklyReport(
            week,
            created,
            advanced,
            won,
            lost,
            Forecast.Compute(ordered, settings, now, zone, targets.Team).Month,
            stalled.Count,
            stalled.OrderByDescending(o => o.Amount).ThenBy(o => o.Number).Take(TopCount).ToList(),
            reps);
    }

    private static bool AdvancedIn(Opportunity o, ReportPeriod week, DomainSettings settings) =>
        o.StageHistory.Any(h =>
            h.From is not null &&
            week.Contains(h.At) &&
            settings.Pipeline.IndexOf(h.From) is var from and >= 0 &&
            settings.Pipeline.IndexOf(h.To) > from);
}
