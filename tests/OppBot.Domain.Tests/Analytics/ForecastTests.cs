using OppBot.Domain.Analytics;
using static OppBot.Domain.Tests.Analytics.AnalyticsData;

namespace OppBot.Domain.Tests.Analytics;

public class ForecastTests
{
    private readonly AnalyticsData _data = new();

    [Theory]
    [InlineData(4, 2026, 12, 15)] // no next step: entered proposal 25 Oct + proposal 21 + negotiation 30 days = 15 Dec
    [InlineData(5, 2026, 11, 28)] // its next step's due day
    [InlineData(6, 2027, 1, 10)] // its next step's due day, next year
    [InlineData(8, 2026, 11, 25)] // next step due 20 Nov is past: late, so now
    public void ExpectedClose_OpenDeal_NextStepDueElseStageEntryPlusRemainingSlas(int number, int year, int month, int day)
    {
        var expected = Forecast.ExpectedClose(_data.Number(number), _data.Settings, Now);

        Assert.Equal(At(year, month, day), expected);
    }

    [Fact]
    public void ExpectedClose_NewLeadWithoutNextStep_IsCreationPlusEverySla()
    {
        var lead = TestData.Deal(TestData.Rep(), number: 99); // created at TestData.Now in lead, no next step

        Assert.Equal(TestData.Now.AddDays(14 + 21 + 21 + 30), Forecast.ExpectedClose(lead, _data.Settings, TestData.Now));
    }

    [Fact]
    public void Compute_ThisMonth_WeightsOpenDealsClosingInNovemberAndAddsWins()
    {
        var month = Forecast.Compute(_data.Deals, _data.Settings, Now, Shanghai, 1_000_000m).Month;

        Assert.Equal(new ReportPeriod(At(2026, 11, 1).AddHours(-10), At(2026, 12, 1).AddHours(-10)), month.Period); // local midnights
        Assert.Equal(new DealTally(2, 480_000m), month.Open); // #5 (28 Nov) and #8 (late): 400,000 + 80,000
        Assert.Equal(108_000m, month.Weighted); // 400,000 × 25 % + 80,000 × 10 %
        Assert.Equal(new DealTally(2, 500_000m), month.Won); // #1 (11 Nov) and #2 (20 Nov)
        Assert.Equal(608_000m, month.Projected); // 500,000 + 108,000
        Assert.Equal(1_000_000m, month.Target);
        Assert.Equal(0.608m, month.Attainment);
    }

    [Fact]
    public void Compute_ThisQuarter_AddsDecemberClosesAndTriplesTheTarget()
    {
        var quarter = Forecast.Compute(_data.Deals, _data.Settings, Now, Shanghai, 1_000_000m).Quarter;

        Assert.Equal(At(2026, 10, 1).AddHours(-10), quarter.Period.From); // 1 Oct 00:00 Shanghai
        Assert.Equal(At(2027, 1, 1).AddHours(-10), quarter.Period.To);
        Assert.Equal(new DealTally(3, 980_000m), quarter.Open); // #4 (15 Dec), #5, #8; #6 (10 Jan) is next quarter
        Assert.Equal(358_000m, quarter.Weighted); // 500,000 × 50 % + 108,000
        Assert.Equal(new DealTally(2, 500_000m), quarter.Won);
        Assert.Equal(3_000_000m, quarter.Target);
        Assert.Equal(0.286m, quarter.Attainment); // 858,000 ÷ 3,000,000
    }

    [Fact]
    public void Compute_NoTarget_HasNoAttainment()
    {
        var forecast = Forecast.Compute(_data.Deals, _data.Settings, Now, Shanghai);

        Assert.Null(forecast.Month.Target);
        Assert.Null(forecast.Month.Attainment);
        Assert.Null(forecast.Quarter.Target);
    }

    [Fact]
    public void Compute_NoDeals_IsAllZero()
    {
        var month = Forecast.Compute([], _data.Settings, Now, Shanghai, 1_000_000m).Month;

        Assert.Equal(DealTally.None, month.Open);
        Assert.Equal(0m, month.Weighted);
        Assert.Equal(0m, month.Attainment);
    }
}
