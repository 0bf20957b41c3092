using System.Globalization;

namespace OppBot.Domain.Text;

/// <summary>
/// Writes an amount for a card or a chat reply. For "zh-CN" (any "zh" locale) amounts of 10,000 and
/// more are shown in 万 or 亿 with up to 2 decimals and trailing zeros trimmed ("¥123.46万", "¥50万",
/// "¥1.2亿"), smaller ones with thousands separators ("¥9,800"); for any other locale thousands
/// separators, no decimals for whole amounts and 2 otherwise ("¥1,234,567", "$1,234.50").
/// Digits are always formatted with the invariant culture, so output does not depend on the server.
/// </summary>
public static class AmountFormatter
{
    private const decimal Wan = 10_000m;
    private const decimal Yi = 100_000_000m;

    /// <summary>Formats <paramref name="amount"/> in <paramref name="currency"/> (ISO code) for <paramref name="locale"/>.</summary>
    /// <remarks>Symbols: CNY ¥, USD $, EUR €; any other code is written before the number with a space ("GBP 1,000").</remarks>
    public static string Format(decimal amount, string currency, string locale)
    {
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(locale);

        var rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        var sign = rounded < 0m ? "-" : "";
        var magnitude = Math.Abs(rounded);
        var number = IsChinese(locale) ? FormatChinese(magnitude) : FormatGrouped(magnitude);
        return sign + Symbol(currency) + number;
    }

    private static bool IsChinese(string locale) =>
        locale.Equals("zh", StringComparison.OrdinalIgnoreCase)
        || locale.StartsWith("zh-", StringComparison.OrdinalIgnoreCase)
        || locale.StartsWith("zh_", StringComparison.OrdinalIgnoreCase);

    private static string FormatChinese(decimal magnitude)
    {
        // Round in the unit shown, so 99,999,999 becomes ¥1亿 rather than ¥10000万.
        var inWan = Math.Round(magnitude / Wan, 2, MidpointRounding.AwayFromZero);
        if (inWan >= Wan)
        {
            return Trimmed(Math.Round(magnitude / Yi, 2, MidpointRounding.AwayFromZero)) + "亿";
        }

        return magnitude >= Wan ? Trimmed(inWan) + "万" : FormatGrouped(magnitude);
    }

    private static string FormatGrouped(decimal magnitude) =>
        magnitude == decimal.Truncate(magnitude)
            ? magnitude.ToString("#,0", CultureInfo.InvariantCulture)
            : magnitude.ToString("#,0.00", CultureInfo.InvariantCulture);

    private static string Trimmed(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Symbol(string currency) => currency.ToUpperInvariant() switch
    {
        "CNY" or "RMB" => "¥",
        "USD" => "$",
        "EUR" => "€",
        var code => code + " ",
    };
}
