using System.Globalization;
using System.Text.RegularExpressions;

namespace OppBot.Domain.Text;

/// <summary>
/// Reads a money amount the way sales reps type it in chat: "50万", "1.2亿", "500k", "1.2mn", "¥500,000",
/// "500,000元", "RMB 500000", "$20k", "五十万", "一百二十万", "５０万". Returns a result instead of
/// throwing; amounts are rounded to 2 decimals, must be between 0 and <see cref="MaxAmount"/>.
/// </summary>
public static partial class AmountParser
{
    /// <summary>The largest amount accepted: one trillion (1e12).</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    // Longer markers first: "us$" before "$", "人民币" before "元".
    private static readonly (string Marker, string Currency)[] CurrencyPrefixes =
    [
        ("us$", "USD"), ("usd", "USD"), ("rmb", "CNY"), ("cny", "CNY"), ("eur", "EUR"), ("人民币", "CNY"),
        ("$", "USD"), ("\u00A5", "CNY"), ("\uFFE5", "CNY"), ("€", "EUR"),
    ];

    private static readonly (string Marker, string Currency)[] CurrencySuffixes =
    [
        ("人民币", "CNY"), ("美元", "USD"), ("美金", "USD"), ("欧元", "EUR"), ("块钱", "CNY"), ("元", "CNY"),
        ("块", "CNY"), ("rmb", "CNY"), ("cny", "CNY"), ("usd", "USD"), ("eur", "EUR"),
    ];

    private static readonly Dictionary<string, decimal> LatinMultipliers = new(StringComparer.Ordinal)
    {
        ["k"] = 1_000m, ["thousand"] = 1_000m,
        ["m"] = 1_000_000m, ["mn"] = 1_000_000m, ["mm"] = 1_000_000m, ["million"] = 1_000_000m,
        ["b"] = 1_000_000_000m, ["bn"] = 1_000_000_000m, ["billion"] = 1_000_000_000m,
        ["w"] = 10_000m, // "50w" is how many Chinese reps type 50万 on a Latin keyboard.
    };

    /// <summary>Parses <paramref name="text"/> as an amount; never throws for user input.</summary>
    public static AmountParseResult Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return AmountParseResult.Failed(AmountParseError.Empty);
        }

        var s = string.Concat(NameNormalizer.FoldWidth(text).ToLowerInvariant().Where(c => !char.IsWhiteSpace(c)));
        var negative = TakeSign(ref s);
        string? currency = null;

        foreach (var (marker, code) in CurrencyPrefixes)
        {
            if (s.StartsWith(marker, StringComparison.Ordinal))
            {
                currency = code;
                s = s[marker.Length..];
                negative |= TakeSign(ref s); // "¥-500"
                break;
            }
        }

        foreach (var (marker, code) in CurrencySuffixes)
        {
            if (s.EndsWith(marker, StringComparison.Ordinal))
            {
                if (currency is not null && currency != code)
                {
                    return AmountParseResult.Failed(AmountParseError.NotANumber); // "$500元"
                }

                currency = code;
                s = s[..^marker.Length];
                break;
            }
        }

        decimal? value;
        try
        {
            value = ParseArabic(s) ?? ParseChinese(s);
        }
        catch (OverflowException)
        {
            return AmountParseResult.Failed(negative ? AmountParseError.Negative : AmountParseError.TooLarge);
        }

        if (value is not { } amount)
        {
            return AmountParseResult.Failed(AmountParseError.NotANumber);
        }

        // Rounded to cents, then trailing zeros dropped (1.2m is 1200000, not 1200000.0) so ToString reads well.
        amount = Math.Round(amount, 2, MidpointRounding.AwayFromZero) / 1.00m * 1m;
        if (negative && amount != 0m)
        {
            return AmountParseResult.Failed(AmountParseError.Negative);
        }

        return amount > MaxAmount
            ? AmountParseResult.Failed(AmountParseError.TooLarge)
            : AmountParseResult.Parsed(amount, currency);
    }

    /// <summary>Parses <paramref name="text"/>; <see langword="true"/> with the result when it is an amount.</summary>
    public static bool TryParse(string text, out AmountParseResult result)
    {
        result = Parse(text);
        return result.Success;
    }

    /// <summary>
    /// Whether a single chat token is an amount candidate, for the one-line command parser: it is when
    /// <see cref="Parse"/> succeeds on it ("50万", "$20k", "500000"; not "#42", "3d" or "明天").
    /// </summary>
    public static bool LooksLikeAmount(string token) => !string.IsNullOrWhiteSpace(token) && Parse(token).Success;

    private static bool TakeSign(ref string s)
    {
        if (s.Length > 0 && (s[0] == '-' || s[0] == '\u2212'))
        {
            s = s[1..];
            return true;
        }

        if (s.Length > 0 && s[0] == '+')
        {
            s = s[1..];
        }

        return false;
    }

    // "1,234.56", "1.2亿", "3百万", "500k", "1.2mn".
    private static decimal? ParseArabic(string s)
    {
        var match = ArabicAmount().Match(s);
        if (!match.Success)
        {
            return null;
        }

        var integer = match.Groups["int"].Value.Replace(",", "", StringComparison.Ordinal);
        if (integer.Length > 15)
        {
            throw new OverflowException();
        }

        var number = decimal.Parse(integer + "." + match.Groups["frac"].Value + "0", NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value;
        if (LatinMultipliers.TryGetValue(unit, out var latin))
        {
            return checked(number * latin);
        }

        foreach (var c in unit)
        {
            number = checked(number * ChineseUnit(c));
        }

        return number;
    }

    // "五十万", "一百二十万", "三千五百", "两千", "一万五" (colloquial 15000), "5万3千" (digits with units).
    private static decimal? ParseChinese(string s)
    {
        if (s.Length == 0)
        {
            return null;
        }

        decimal total = 0m, section = 0m, small = 0m, lastUnit = 0m;
        decimal? digit = null;
        var digitFollowsUnit = false;
        var previousWasUnit = false;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c) || ChineseDigit(c) is > 0)
            {
                if (digit is not null)
                {
                    return null; // "五五", "二零二六": digits without a unit between them.
                }

                if (char.IsAsciiDigit(c))
                {
                    var end = i;
                    while (end < s.Length && char.IsAsciiDigit(s[end]))
                    {
                        end++;
                    }

                    if (end - i > 15)
                    {
                        throw new OverflowException();
                    }

                    digit = decimal.Parse(s[i..end], NumberStyles.None, CultureInfo.InvariantCulture);
                    i = end;
                }
                else
                {
                    digit = ChineseDigit(c);
                    i++;
                }

                digitFollowsUnit = previousWasUnit;
                previousWasUnit = false;
                continue;
            }

            if (ChineseDigit(c) == 0)
            {
                // 零 only marks a gap (一千零五 = 1005), so a digit after it is not a colloquial tail.
                if (digit is not null)
                {
                    return null;
                }

                previousWasUnit = false;
                i++;
                continue;
            }

            var unit = ChineseUnit(c);
            if (unit == 0m)
            {
                return null;
            }

            if (unit < 10_000m)
            {
                if (digit is null && !(unit == 10m && small == 0m))
                {
                    return null; // "百", "千": a unit needs a count; only 十 may stand alone (十万).
                }

                small += (digit ?? 1m) * unit;
            }
            else if (unit == 10_000m)
            {
                if (digit is null && small == 0m)
                {
                    return null; // "万"
                }

                section = checked(section + ((small + (digit ?? 0m)) * unit));
                small = 0m;
            }
            else
            {
                if (digit is null && small == 0m && section == 0m)
                {
                    return null; // "亿"
                }

                total = checked(total + ((section + small + (digit ?? 0m)) * unit));
                section = 0m;
                small = 0m;
            }

            digit = null;
            lastUnit = unit;
            previousWasUnit = true;
            i++;
        }

        var tail = digit ?? 0m;
        if (digit is < 10m && digitFollowsUnit && lastUnit >= 10m)
        {
            tail = digit.Value * lastUnit / 10m; // 一万五 = 15000, 三千五 = 3500
        }

        return checked(total + section + small + tail);
    }

    private static decimal? ChineseDigit(char c) => c switch
    {
        '零' or '〇' => 0m,
        '一' => 1m,
        '二' or '两' => 2m,
        '三' => 3m,
        '四' => 4m,
        '五' => 5m,
        '六' => 6m,
        '七' => 7m,
        '八' => 8m,
        '九' => 9m,
        _ => null,
    };

    private static decimal ChineseUnit(char c) => c switch
    {
        '十' => 10m,
        '百' => 100m,
        '千' => 1_000m,
        '万' => 10_000m,
        '亿' => 100_000_000m,
        _ => 0m,
    };

    [GeneratedRegex(@"^(?<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<frac>\d+))?(?<unit>[十百千万亿]*|k|thousand|m|mn|mm|million|b|bn|billion|w)$", RegexOptions.CultureInvariant)]
    private static partial Regex ArabicAmount();
}
