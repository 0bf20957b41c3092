namespace OppBot.Domain.People;

/// <summary>The two languages OppBot speaks.</summary>
public static class Locales
{
    /// <summary>Simplified Chinese.</summary>
    public const string Chinese = "zh-CN";

    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Maps any locale tag to one of the two (Chinese unless it starts with "en").</summary>
    public static string Normalize(string? locale) =>
        locale is not null && locale.Trim().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;

    /// <summary>True for the English locale.</summary>
    public static bool IsEnglish(string locale) => locale == English;
}
