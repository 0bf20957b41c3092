using OppBot.Domain.Analytics;
using OppBot.Domain.People;

namespace OppBot.Domain.Tests.Analytics;

public class ReportPeriodTests
{
    private static readonly TimeZoneInfo NewYork = TimeZones.FindOrDefault("America/New_York");

    [Fact]
    public void Month_AcrossADaylightSavingChange_StartsAndEndsAtLocalMidnight()
    {
        // November 2026 in New York: 1 Nov 00:00 is still EDT (UTC-4), 1 Dec 00:00 is EST (UTC-5).
        var month = ReportPeriod.Month(new DateTimeOffset(2026, 11, 15, 12, 0, 0, TimeSpan.Zero), NewYork);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero), month.From);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero), month.To);
    }

    [Fact]
    public void Month_LastEveningOfTheMonthInUtcButNextMonthInShanghai_IsTheShanghaiMonth()
    {
        // 31 Oct 20:00 UTC is 1 Nov 04:00 in Shanghai.
        var month = ReportPeriod.Month(new DateTimeOffset(2026, 10, 31, 20, 0, 0, TimeSpan.Zero), AnalyticsData.Shanghai);

        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), month.From);
    }

    [Theory]
    [InlineData(2, 1)] // February is in Q1
    [InlineData(6, 4)] // June is in Q2
    [InlineData(7, 7)] // July starts Q3
    [InlineData(12, 10)] // December is in Q4
    public void Quarter_AnyMonth_StartsOnTheQuartersFirstMonth(int month, int firstMonth)
    {
        var quarter = ReportPeriod.Quarter(new DateTimeOffset(2026, month, 10, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2026, firstMonth, 1, 0, 0, 0, TimeSpan.Zero), quarter.From);
        Assert.Equal(quarter.From.AddMonths(3), quarter.To);
    }

    [Fact]
    public void Contains_IsHalfOpen()
    {
        var week = ReportPeriod.WeekBefore(TestData.Now);

        Assert.True(week.Contains(TestData.Now.AddDays(-7))); // the start is in
        Assert.False(week.Contains(TestData.Now)); // the end is out
    }
}
