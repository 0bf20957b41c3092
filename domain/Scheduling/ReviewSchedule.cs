using System.Globalization;

namespace OppBot.Domain.Scheduling;

/// <summary>When a team's weekly review is due, by ISO week in the team's time zone.</summary>
public static class ReviewSchedule
{
    /// <summary>
    /// The moment of this week's review: <see cref="SchedulingSettings.ReviewDay"/> at
    /// <see cref="SchedulingSettings.ReviewTime"/> of the ISO week (Monday to Sunday) that contains
    /// <paramref name="now"/> in <paramref name="zone"/>.
    /// </summary>
    public static DateTimeOffset MomentOfWeek(DateTimeOffset now, TimeZoneInfo zone, SchedulingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(settings);
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var wall = ISOWeek.ToDateTime(ISOWeek.GetYear(local), ISOWeek.GetWeekOfYear(local), settings.ReviewDay)
            .Add(settings.ReviewTime.ToTimeSpan());
        if (zone.IsInvalidTime(wall))
        {
            // The clocks jump over the review time that day: post when they land.
            wall = wall.AddHours(1);
        }

        return new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
    }

    /// <summary>Whether this week's review moment has come at <paramref name="now"/>.</summary>
    public static bool IsDue(DateTimeOffset now, TimeZoneInfo zone, SchedulingSettings settings) => now >= MomentOfWeek(now, zone, settings);

    /// <summary>
    /// The key that records a team's review of the week containing <paramref name="now"/>:
    /// <c>review:{team}:{isoYear}-W{week}</c>, e.g. <c>review:east:2025-W03</c>.
    /// </summary>
    public static string Key(string teamId, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        return string.Create(CultureInfo.InvariantCulture, $"review:{teamId}:{ISOWeek.GetYear(local)}-W{ISOWeek.GetWeekOfYear(local):00}");
    }
}
