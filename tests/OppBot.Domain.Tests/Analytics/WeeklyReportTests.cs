using OppBot.Domain.Analytics;
using static OppBot.Domain.Tests.Analytics.AnalyticsData;

namespace OppBot.Domain.Tests.Analytics;

public class WeeklyReportTests
{
    private readonly AnalyticsData _data = new();

    private WeeklyReport Compute() => WeeklyReport.Compute(_data.Deals, _data.People, _data.Settings, _data.Targets, Week, Now, Shanghai);

    [Fact]
    public void Compute_Week_NewAdvancedWonLost()
    {
        var report = Compute();

        Assert.Equal([6, 8], report.New.Select(o => o.Number)); // created 20 Nov, and 18 Nov 10:00 (the window's first moment)
        Assert.Equal([5], report.Advanced.Select(o => o.Number)); // lead → qualified 19 Nov; #2's move to won counts as won
        Assert.Equal([2], report.Won.Select(o => o.Number)); // 20 Nov; #1 (11 Nov) is before the week
        Assert.Equal([3], report.Lost.Select(o => o.Number)); // 23 Nov
    }

    [Fact]
    public void Compute_Week_ForecastAgainstTargetIsThisMonths()
    {
        var report = Compute();

        Assert.Equal(608_000m, report.Month.Projected); // the same figure as ForecastTests: won 500,000 + weighted 108,000
        Assert.Equal(1_000_000m, report.Month.Target);
    }

    [Fact]
    public void Compute_Week_ListsTheStalledDeals()
    {
        var report = Compute();

        Assert.Equal(1, report.Stalled);
        Assert.Equal([4], report.TopStalled.Select(o => o.Number)); // 31 days in proposal, SLA 21
    }

    [Fact]
    public void Compute_Week_OneLinePerRepByName()
    {
        var report = Compute();

        Assert.Collection(
            report.Reps,
            // new #6; lost #3; follow-up 24 Nov (3 Nov is before); open #4 and #6: 500,000 × 50 % + 1,000,000 × 10 %
            han => Assert.Equal(new WeeklyRepLine(_data.Han.Id, "Han Mei", new DealTally(1, 1_000_000m), DealTally.None, DealTally.None, new DealTally(1, 100_000m), 1, new DealTally(2, 1_500_000m), 350_000m, 0), han),
            // new #8; advanced #5; won #2; follow-ups 19 and 21 Nov; open #5 and #8; #8 overdue
            li => Assert.Equal(new WeeklyRepLine(_data.Li.Id, "Li Lei", new DealTally(1, 80_000m), new DealTally(1, 400_000m), new DealTally(1, 300_000m), DealTally.None, 2, new DealTally(2, 480_000m), 108_000m, 1), li));
    }

    [Fact]
    public void Compute_EarlierWeek_CountsThatWeeksEvents()
    {
        // 4–11 Nov 10:00: #5 created 10 Nov is in, #3 created 2 Nov is before; #2 → proposal 4 Nov (the first moment) and
        // #3 → qualified 9 Nov advanced; #1 won 11 Nov 10:00, the end, so out.
        var week = new ReportPeriod(At(2026, 11, 4), At(2026, 11, 11));

        var report = WeeklyReport.Compute(_data.Deals, _data.People, _data.Settings, _data.Targets, week, Now, Shanghai);

        Assert.Equal([5], report.New.Select(o => o.Number));
        Assert.Equal([2, 3], report.Advanced.Select(o => o.Number));
        Assert.Empty(report.Won);
    }
}
