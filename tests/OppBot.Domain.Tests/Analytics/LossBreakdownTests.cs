using OppBot.Domain.Analytics;

namespace OppBot.Domain.Tests.Analytics;

public class LossBreakdownTests
{
    private readonly AnalyticsData _data = new();

    [Fact]
    public void Compute_LostDeals_CountsAmountAndShareByReason()
    {
        var losses = LossBreakdown.Compute(_data.Deals, _data.Settings);

        Assert.Equal(new DealTally(2, 150_000m), losses.Lost); // #3 and #7
        Assert.Collection(
            losses.Reasons,
            l => Assert.Equal(("price", new DealTally(1, 100_000m), 0.5m), (l.Reason.Code, l.Lost, l.Share)), // tie on count: the larger amount first
            l => Assert.Equal(("no_budget", new DealTally(1, 50_000m), 0.5m), (l.Reason.Code, l.Lost, l.Share)));
    }

    [Fact]
    public void Compute_ReasonNoLongerConfigured_IsShownByItsCode()
    {
        var settings = _data.Settings with { LossReasons = [new("other", "其他", "Other", NeedsNote: true)] };

        var losses = LossBreakdown.Compute(_data.Deals, settings);

        Assert.Equal(["price", "no_budget"], losses.Reasons.Select(r => r.Reason.NameEn));
    }
}
