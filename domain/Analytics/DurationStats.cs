namespace OppBot.Domain.Analytics;

/// <summary>Average and median of a set of durations, in days rounded to one decimal.</summary>
/// <param name="Count">How many durations were measured.</param>
/// <param name="AverageDays">The mean, null when none.</param>
/// <param name="MedianDays">The median (the mean of the two middle ones for an even count), null when none.</param>
public sealed record DurationStats(int Count, decimal? AverageDays, decimal? MedianDays)
{
    /// <summary>The statistics of <paramref name="durations"/>.</summary>
    public static DurationStats Of(IEnumerable<TimeSpan> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        var days = durations.Select(d => (decimal)d.TotalDays).Order().ToList();
        if (days.Count == 0)
        {
            return new DurationStats(0, null, null);
        }

        var middle = days.Count / 2;
        var median = days.Count % 2 == 1 ? days[middle] : (days[middle - 1] + days[middle]) / 2;
        return new DurationStats(days.Count, Round(days.Average()), Round(median));
    }

    private static decimal Round(decimal days) => Math.Round(days, 1, MidpointRounding.AwayFromZero);
}
