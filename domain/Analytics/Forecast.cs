using OppBot.Domain.Opportunities;

namespace OppBot.Domain.Analytics;

/// <summary>The forecast of one period.</summary>
/// <param name="Period">The calendar month or quarter.</param>
/// <param name="Open">Open deals expected to close in the period (see <see cref="Forecast.ExpectedClose"/>).</param>
/// <param name="Weighted">Σ amount × stage probability of <paramref name="Open"/>.</param>
/// <param name="Won">Deals already won in the period.</param>
/// <param name="Target">The won-amount target of the period, if one is configured.</param>
public sealed record ForecastPeriod(ReportPeriod Period, DealTally Open, decimal Weighted, DealTally Won, decimal? Target)
{
    /// <summary>What the period is expected to end with: won so far plus the weighted open deals.</summary>
    public decimal Projected => Won.Amount + Weighted;

    /// <summary><see cref="Projected"/> ÷ <see cref="Target"/> (4 places), null without a target.</summary>
    public decimal? Attainment => Ratio.Of(Projected, Target);
}

/// <summary>
/// The weighted forecast for this month and this quarter: amount × stage probability of the open deals expected to
/// close in the period, plus what was already won in it, against the target. Pure.
/// </summary>
/// <param name="Month">The calendar month of now.</param>
/// <param name="Quarter">The calendar quarter of now.</param>
public sealed record Forecast(ForecastPeriod Month, ForecastPeriod Quarter)
{
    /// <summary>
    /// Computes the forecast of <paramref name="deals"/> at <paramref name="now"/>, with months and quarters in
    /// <paramref name="zone"/>. The quarter's target is three times <paramref name="monthlyTarget"/>.
    /// </summary>
    public static Forecast Compute(IReadOnlyCollection<Opportunity> deals, DomainSettings settings, DateTimeOffset now, TimeZoneInfo zone, decimal? monthlyTarget = null)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(zone);
        return new Forecast(
            Of(deals, settings, now, ReportPeriod.Month(now, zone), monthlyTarget),
            Of(deals, settings, now, ReportPeriod.Quarter(now, zone), monthlyTarget * 3));
    }

    /// <summary>
    /// When an open deal is expected to close:
    /// <list type="number">
    /// <item>its next step's due time, when it has one (the next thing that must happen for it to close);</item>
    /// <item>otherwise the day it entered its current stage plus the SLA days of that stage and of every active stage
    /// after it — the latest it closes if it keeps to the SLAs from here.</item>
    /// </list>
    /// A moment already past counts as <paramref name="now"/>: the deal is late, not gone, so it stays in this
    /// period's forecast until it is won, lost or given a new date.
    /// </summary>
    /// <remarks>
    /// The current stage's entry, not the deal's creation, anchors the SLA sum: a deal that took longer than the SLAs
    /// to get where it is would otherwise be "expected" in the past for ever.
    /// </remarks>
    public static DateTimeOffset ExpectedClose(Opportunity o, DomainSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(settings);
        DateTimeOffset expected;
        if (o.NextStepDue is { } due)
        {
            expected = due;
        }
        else
        {
            var index = Math.Max(0, settings.Pipeline.IndexOf(o.StageCode));
            var days = settings.Pipeline.Active.Skip(index).Sum(s => s.SlaDays);
            expected = o.StageEnteredAt.AddDays(days);
        }

        return expected < now ? now : expected;
    }

    private static ForecastPeriod Of(IReadOnlyCollection<Opportunity> deals, DomainSettings settings, DateTimeOffset now, ReportPeriod period, decimal? target)
    {
        var open = deals.Where(o => o.Status == OpportunityStatus.Open && period.Contains(ExpectedClose(o, settings, now))).ToList();
        return new ForecastPeriod(
            period,
            DealTally.Of(open),
            open.Sum(o => o.WeightedAmount(settings)),
            DealTally.Of(deals.Where(o => ClosedAt.WonIn(o, period))),
            target is > 0 ? target : null);
    }
}
