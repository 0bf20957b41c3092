using System.Globalization;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;
using OppBot.Domain.Scoring;
using OppBot.Domain.Text;

namespace OppBot.Domain.Conversations;

/// <summary>Turns domain values into sentences in the user's language.</summary>
public static class Messages
{
    /// <summary>The sentence for a refusal.</summary>
    public static string Refusal(string locale, Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return Strings.Get(locale, "refusal." + refusal.Code, refusal.Args.Cast<object?>().ToArray());
    }

    /// <summary>The name of an exit criterion.</summary>
    public static string Criterion(string locale, ExitCriterion criterion) => Strings.Get(locale, "criterion." + criterion);

    /// <summary>The name of a score criterion.</summary>
    public static string ScoreCriterionName(string locale, ScoreCriterion criterion) => Strings.Get(locale, "score." + criterion);

    /// <summary>Money in the locale's style (¥1,234,567 or ¥123.46万).</summary>
    public static string Money(string locale, decimal amount, string currency) => AmountFormatter.Format(amount, currency, locale);

    /// <summary>A moment in the user's time zone.</summary>
    public static string When(string locale, DateTimeOffset utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(utc, zone);
        return Locales.IsEnglish(locale)
            ? local.ToString("ddd d MMM HH:mm", CultureInfo.GetCultureInfo("en-US"))
            : local.ToString("M月d日 ddd HH:mm", CultureInfo.GetCultureInfo("zh-CN"));
    }

    /// <summary>A date (no time) in the user's time zone.</summary>
    public static string Day(string locale, DateTimeOffset utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(utc, zone);
        return Locales.IsEnglish(locale)
            ? local.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-US"))
            : local.ToString("yyyy年M月d日", CultureInfo.GetCultureInfo("zh-CN"));
    }

    /// <summary>"#42 华为 · ERP升级".</summary>
    public static string DealLabel(Opportunity o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return $"#{o.Number} {o.Account} · {o.Title}";
    }

    /// <summary>A percentage for the locale.</summary>
    public static string Percent(decimal fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
