using OppBot.Domain.Analytics;

namespace OppBot.Domain.Tests.Analytics;

public class StageDurationsTests
{
    private readonly AnalyticsData _data = new();

    [Theory]
    [InlineData("lead", 6, 10.8, 9.5)] // #1 10, #2 5, #3 7, #4 15, #5 9, #7 19 days: mean 65 ÷ 6, median (9 + 10) ÷ 2; #6 and #8 still there
    [InlineData("qualified", 4, 14.8, 14.5)] // #1 10, #2 15, #3 14, #4 20: mean 14.75 rounds up, median (14 + 15) ÷ 2; #5 still there
    [InlineData("proposal", 2, 13.5, 13.5)] // #1 11, #2 16; #4 still there
    [InlineData("negotiation", 1, 10.0, 10.0)] // #1 10; #2 skipped it
    public void Compute_EachStage_AveragesAndMediansFinishedStays(string stage, int count, double average, double median)
    {
        var durations = StageDurations.Compute(_data.Deals, _data.Settings);

        var days = durations.Stages.Single(s => s.Stage.Code == stage).Days;
        Assert.Equal(new DurationStats(count, (decimal)average, (decimal)median), days);
    }

    [Fact]
    public void Compute_WonCycle_IsCreationToWin()
    {
        var durations = StageDurations.Compute(_data.Deals, _data.Settings);

        Assert.Equal(new DurationStats(2, 38.5m, 38.5m), durations.WonCycle); // #1 1 Oct → 11 Nov 41 days, #2 15 Oct → 20 Nov 36 days
    }

    [Fact]
    public void Compute_LostCycle_IsCreationToLoss()
    {
        var durations = StageDurations.Compute(_data.Deals, _data.Settings);

        Assert.Equal(new DurationStats(2, 20m, 20m), durations.LostCycle); // #3 2 → 23 Nov 21 days, #7 1 → 20 Aug 19 days
    }

    [Fact]
    public void Compute_ReopenedDeal_CountsTheStayAfterReopeningAndTheLastWin()
    {
        var rep = TestData.Rep();
        var manager = TestData.Manager();
        var deal = TestData.Deal(rep, 100_000m); // lead at TestData.Now
        var day = TestData.Now;
        Assert.IsType<OppBot.Domain.Opportunities.StageMove.Moved>(deal.MoveTo("negotiation", rep, _data.Settings, null, day.AddDays(2)));
        Assert.IsType<OppBot.Domain.Opportunities.StageMove.Moved>(deal.MoveTo("won", rep, _data.Settings, null, day.AddDays(5)));
        Assert.Null(deal.Reopen(manager, _data.Settings, day.AddDays(6))); // back to negotiation
        Assert.IsType<OppBot.Domain.Opportunities.StageMove.Moved>(deal.MoveTo("won", rep, _data.Settings, null, day.AddDays(10)));

        var durations = StageDurations.Compute([deal], _data.Settings);

        Assert.Equal(new DurationStats(2, 3.5m, 3.5m), durations.Stages.Single(s => s.Stage.Code == "negotiation").Days); // 3 days, then 4 after reopening
        Assert.Equal(new DurationStats(1, 10m, 10m), durations.WonCycle); // creation to the last win
    }

    [Fact]
    public void Compute_NoDeals_HasNoFigures()
    {
        var durations = StageDurations.Compute([], _data.Settings);

        Assert.All(durations.Stages, s => Assert.Equal(new DurationStats(0, null, null), s.Days));
        Assert.Equal(0, durations.WonCycle.Count);
    }
}
