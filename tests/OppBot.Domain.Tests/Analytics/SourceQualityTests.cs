using OppBot.Domain.Analytics;
using OppBot.Domain.Opportunities;

namespace OppBot.Domain.Tests.Analytics;

public class SourceQualityTests
{
    private readonly AnalyticsData _data = new();

    [Fact]
    public void Compute_EachSource_DealsConversionAndWonAmount()
    {
        var quality = SourceQuality.Compute(_data.Deals);

        Assert.Collection(
            quality.Sources,
            // #2 won, #5 open: 1 of 2 won, 1 of 1 closed won
            l => Assert.Equal(new SourceLine(LeadSource.Referral, new DealTally(2, 700_000m), 1, new DealTally(1, 300_000m), 0, 0.5m, 1m), l),
            // #1 won, #3 lost, #6 open: 1 of 3 won, 1 of 2 closed won
            l => Assert.Equal(new SourceLine(LeadSource.Expo, new DealTally(3, 1_300_000m), 1, new DealTally(1, 200_000m), 1, 0.3333m, 0.5m), l),
            // #4 and #8 open: nothing closed, so no win rate
            l => Assert.Equal(new SourceLine(LeadSource.Website, new DealTally(2, 580_000m), 2, DealTally.None, 0, 0m, null), l),
            // #7 lost
            l => Assert.Equal(new SourceLine(LeadSource.Other, new DealTally(1, 50_000m), 0, DealTally.None, 1, 0m, 0m), l));
    }
}
