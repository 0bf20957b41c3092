namespace OppBot.Domain.Analytics;

/// <summary>Shares as the reports show them: rounded to 4 places (0.8333 = 83.33 %), null when there is no whole.</summary>
internal static class Ratio
{
    public static decimal? Of(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);

    public static decimal? Of(decimal part, decimal? whole) => whole is > 0 ? Math.Round(part / whole.Value, 4) : null;
}
