using System.Globalization;

namespace OppBot.Domain.Scheduling;

/// <summary>
/// When the follow-up sweep acts on its own and when the weekly review is posted. Bound once by the host from the
/// <c>FollowUps</c> and <c>Review</c> sections, beside <see cref="DomainSettings"/>.
/// </summary>
public sealed record SchedulingSettings
{
    /// <summary>The most deals listed one by one in a nudge or a rep's review; the rest are counted.</summary>
    public const int MaxDealsPerMessage = 10;

    /// <summary>
    /// Whether the sweep releases a deal to the team pool once its owner did nothing with it for
    /// <see cref="DomainSettings.PoolAfterInactiveDays"/>. Defaults to false (<c>FollowUps:AutoReleaseToPool</c>).
    /// </summary>
    public bool AutoReleaseToPool { get; init; }

    /// <summary>The day of the week the review is posted, in each team's time zone. Defaults to Monday (<c>Review:Day</c>).</summary>
    public DayOfWeek ReviewDay { get; init; } = DayOfWeek.Monday;

    /// <summary>The time of day the review is posted, in each team's time zone. Defaults to 09:00 (<c>Review:Time</c>).</summary>
    public TimeOnly ReviewTime { get; init; } = new(9, 0);

    /// <summary>The defaults.</summary>
    public static SchedulingSettings Default { get; } = new();

    /// <summary>
    /// Reads the settings from configuration text (<c>Review:Day</c> as a day name, <c>Review:Time</c> as HH:mm);
    /// every problem names its key and nothing is returned when there is one.
    /// </summary>
    public static SchedulingSettings? TryCreate(bool autoReleaseToPool, string? reviewDay, string? reviewTime, out IReadOnlyList<string> problems)
    {
        var list = new List<string>();
        var day = Default.ReviewDay;
        if (!string.IsNullOrWhiteSpace(reviewDay) &&
            (!Enum.TryParse(reviewDay.Trim(), ignoreCase: true, out day) || !Enum.IsDefined(day) || int.TryParse(reviewDay, out _)))
        {
            list.Add($"Review:Day must be a day of the week such as Monday (was '{reviewDay}')");
        }

        var time = Default.ReviewTime;
        if (!string.IsNullOrWhiteSpace(reviewTime) &&
            !TimeOnly.TryParseExact(reviewTime.Trim(), ["H:mm", "HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            list.Add($"Review:Time must be a time of day such as 09:00 (was '{reviewTime}')");
        }

        problems = list;
        return list.Count == 0 ? new SchedulingSettings { AutoReleaseToPool = autoReleaseToPool, ReviewDay = day, ReviewTime = time } : null;
    }
}
