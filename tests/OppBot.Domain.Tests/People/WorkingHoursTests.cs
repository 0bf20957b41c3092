using OppBot.Domain.People;

namespace OppBot.Domain.Tests.People;

public class WorkingHoursTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZones.FindOrDefault("Asia/Shanghai");

    [Theory]
    [InlineData("2026-11-27T11:00:00Z", "2026-11-30T01:00:00Z")] // Friday 19:00 Shanghai → Monday 09:00
    [InlineData("2026-11-25T02:00:00Z", "2026-11-25T02:00:00Z")] // Wednesday 10:00: inside hours, unchanged
    [InlineData("2026-11-24T23:30:00Z", "2026-11-25T01:00:00Z")] // Wednesday 07:30 → 09:00 the same day
    [InlineData("2026-11-28T04:00:00Z", "2026-11-30T01:00:00Z")] // Saturday noon → Monday 09:00
    public void NextWorkingMoment_DefaultHours(string utc, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), WorkingHours.Default.NextWorkingMoment(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Shanghai));

    [Theory]
    [InlineData("9-18", 9, 18)] // hours only
    [InlineData("09:30-17:45", 9, 17)] // minutes
    [InlineData("8~20", 8, 20)] // a tilde
    public void Parse_CommonForms(string text, int start, int end)
    {
        var hours = WorkingHours.Parse(text);

        Assert.NotNull(hours);
        Assert.Equal(start, hours.Start.Hour);
        Assert.Equal(end, hours.End.Hour);
    }

    [Theory]
    [InlineData("18-9")] // end before start
    [InlineData("nine to five")] // words
    [InlineData("25-26")] // no such hours
    public void Parse_Nonsense_IsNull(string text) => Assert.Null(WorkingHours.Parse(text));
}
