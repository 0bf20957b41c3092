namespace OppBot.Domain.People;

/// <summary>When a person may be nudged, in their own time zone.</summary>
/// <param name="Start">Start of the working day. Defaults to 09:00.</param>
/// <param name="End">End of the working day (exclusive). Defaults to 18:00.</param>
/// <param name="Days">Working days. Defaults to Monday–Friday.</param>
public sealed record WorkingHours(TimeOnly Start, TimeOnly End, IReadOnlyList<DayOfWeek> Days)
{
    /// <summary>09:00–18:00, Monday–Friday.</summary>
    public static WorkingHours Default { get; } = new(
        new TimeOnly(9, 0),
        new TimeOnly(18, 0),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);

    /// <summary>True when <paramref name="local"/> (a wall-clock time in the person's zone) is inside working hours.</summary>
    public bool Contains(DateTime local) =>
        Days.Contains(local.DayOfWeek) && TimeOnly.FromDateTime(local) >= Start && TimeOnly.FromDateTime(local) < End;

    /// <summary>
    /// The first moment at or after <paramref name="utc"/> that falls inside working hours in <paramref name="zone"/>.
    /// A moment at night or at the weekend moves to the next working morning.
    /// </summary>
    public DateTimeOffset NextWorkingMoment(DateTimeOffset utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (Days.Count == 0 || Start >= End)
        {
            return utc;
        }

        var local = TimeZoneInfo.ConvertTime(utc, zone).DateTime;
        if (Contains(local))
        {
            return utc;
        }

        var day = local.Date;
        if (TimeOnly.FromDateTime(local) >= Start)
        {
            day = day.AddDays(1);
        }

        for (var i = 0; i < 8; i++, day = day.AddDays(1))
        {
            if (Days.Contains(day.DayOfWeek))
            {
                var wall = day.Add(Start.ToTimeSpan());
                return new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
            }
        }

        return utc;
    }

    /// <summary>Parses "9-18" or "09:00-18:30" (days stay Monday–Friday).</summary>
    public static WorkingHours? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Replace('–', '-').Replace('~', '-').Replace('－', '-').Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TryTime(parts[0], out var start) || !TryTime(parts[1], out var end) || start >= end)
        {
            return null;
        }

        return Default with { Start = start, End = end };

        static bool TryTime(string s, out TimeOnly time)
        {
            if (int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var hour) && hour is >= 0 and <= 24)
            {
                time = hour == 24 ? new TimeOnly(23, 59) : new TimeOnly(hour, 0);
                return true;
            }

            return TimeOnly.TryParseExact(s, ["H:mm", "HH:mm"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out time);
        }
    }
}
