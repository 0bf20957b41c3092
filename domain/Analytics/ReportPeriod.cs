namespace OppBot.Domain.Analytics;

/// <summary>
/// A half-open span of time [<see cref="From"/>, <see cref="To"/>) that a report counts events in. Months and
/// quarters are calendar ones in a time zone (the reader's or the team's), so "this month" starts at local midnight.
/// </summary>
/// <param name="From">The first moment in the period.</param>
/// <param name="To">The first moment after it.</param>
public sealed record ReportPeriod(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Whether <paramref name="at"/> falls in the period (From inclusive, To exclusive).</summary>
    public bool Contains(DateTimeOffset at) => at >= From && at < To;

    /// <summary>The calendar month of <paramref name="now"/> in <paramref name="zone"/>.</summary>
    public static ReportPeriod Month(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var first = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new ReportPeriod(AtLocal(first, zone), AtLocal(first.AddMonths(1), zone));
    }

    /// <summary>The calendar quarter (Jan–Mar, Apr–Jun, …) of <paramref name="now"/> in <paramref name="zone"/>.</summary>
    public static ReportPeriod Quarter(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var first = new DateTime(local.Year, ((local.Month - 1) / 3 * 3) + 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new ReportPeriod(AtLocal(first, zone), AtLocal(first.AddMonths(3), zone));
    }

    /// <summary>The seven days before <paramref name="now"/>: the window of the weekly report (and of the weekly review).</summary>
    public static ReportPeriod WeekBefore(DateTimeOffset now) => new(now.AddDays(-7), now);

    // Local midnight to an instant; a midnight skipped by a daylight-saving jump is taken an hour later.
    private static DateTimeOffset AtLocal(DateTime wall, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(wall))
        {
            wall = wall.AddHours(1);
        }

        return new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
    }
}
