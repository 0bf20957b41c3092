using System.Text;

namespace OppBot.Domain.Text;

/// <summary>
/// Folds company names, phone numbers, e-mail addresses and chat text to comparable keys, so that
/// "华为技术（深圳）有限公司" and "华为技术有限公司", or "Acme Co., Ltd." and "ACME Inc", are seen as the
/// same account when checking for a clash (撞单). Pure functions; invariant culture throughout.
/// </summary>
public static class NameNormalizer
{
    // Legal forms and group markers only. Words such as 科技, 技术 or 信息 stay: they are part of the name.
    // Longest first, so 股份有限公司 wins over 有限公司 and 公司.
    private static readonly string[] ChineseSuffixes =
    [
        "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "股份公司", "公司", "集团", "控股", "股份",
    ];

    // Word sequences, compared on whole words so "Zinc" never loses its "inc".
    private static readonly string[][] EnglishSuffixes =
    [
        ["company", "limited"], ["co", "limited"], ["co", "ltd"], ["pte", "ltd"], ["pty", "ltd"],
        ["limited"], ["ltd"], ["inc"], ["incorporated"], ["llc"], ["corp"], ["corporation"],
        ["gmbh"], ["plc"], ["group"], ["holdings"], ["holding"], ["co"], ["company"],
    ];

    // A qualifier in brackets is dropped when it is a place: (中国), （深圳）, (China), (Shanghai).
    private static readonly HashSet<string> EnglishRegions = new(StringComparer.Ordinal)
    {
        "china", "prc", "hk", "hong kong", "hongkong", "macau", "taiwan", "asia", "asia pacific", "apac",
        "beijing", "shanghai", "shenzhen", "guangzhou", "hangzhou", "singapore", "usa", "us", "uk", "europe",
    };

    // Web-mail domains say nothing about the employer, so they are not an account key.
    private static readonly HashSet<string> FreeMailDomains = new(StringComparer.Ordinal)
    {
        "qq.com", "vip.qq.com", "foxmail.com", "163.com", "vip.163.com", "126.com", "vip.126.com", "yeah.net",
        "188.com", "139.com", "sina.com", "sina.cn", "vip.sina.com", "sohu.com", "aliyun.com", "gmail.com",
        "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "yahoo.com.cn",
        "icloud.com", "me.com", "aol.com", "protonmail.com", "proton.me",
    };

    /// <summary>
    /// Folds full-width forms to half-width: U+FF01–U+FF5E become ASCII and the ideographic space U+3000
    /// becomes a space. Everything else is left as it is.
    /// </summary>
    public static string FoldWidth(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            builder.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            });
        }

        return builder.ToString();
    }

    /// <summary>
    /// Prepares chat text for command parsing: <see cref="FoldWidth"/>, trimmed, every run of whitespace
    /// collapsed to one space, lower-cased (invariant).
    /// </summary>
    public static string NormalizeCommandText(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var folded = FoldWidth(s);
        var builder = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The key used to detect two reps working the same account: lower-case, half-width, without
    /// whitespace, punctuation, bracketed place qualifiers ((中国), （深圳）, (China)) or trailing legal forms
    /// (有限公司, 股份有限公司, 集团, 控股, Co., Ltd., Inc, LLC, GmbH, Holdings, ...), stripped repeatedly.
    /// When nothing would be left (the name is only a legal form), the folded lower-case input without
    /// whitespace is returned instead of an empty string.
    /// </summary>
    public static string NormalizeCompany(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var folded = FoldWidth(name).ToLowerInvariant();
        var withoutPlaces = StripPlaceQualifiers(folded);

        var words = SplitWords(withoutPlaces);
        StripLegalSuffixes(words);

        var key = string.Concat(words);
        return key.Length > 0 ? key : string.Concat(folded.Where(c => !char.IsWhiteSpace(c)));
    }

    /// <summary>
    /// Digits only (full-width digits folded). A Chinese mobile written with its country code
    /// (+86, 0086 or 86 followed by 11 digits starting with 1) loses the code; a landline written with
    /// +86/0086 gets its domestic trunk 0 back, so "+86 10 1234 5678" and "010-12345678" match.
    /// Other numbers are kept as their digits.
    /// </summary>
    public static string NormalizePhone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var folded = FoldWidth(phone).Trim();
        var digits = string.Concat(folded.Where(char.IsAsciiDigit));
        var explicitCountryCode = folded.StartsWith('+') || digits.StartsWith("00", StringComparison.Ordinal);

        if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            digits = digits[2..];
            explicitCountryCode = true;
        }

        if (digits.Length == 13 && digits.StartsWith("861", StringComparison.Ordinal))
        {
            return digits[2..];
        }

        if (explicitCountryCode && digits.StartsWith("86", StringComparison.Ordinal) && digits.Length is >= 11 and <= 12)
        {
            // +86 10 12345678: the domestic form of a landline starts with the trunk prefix 0.
            return "0" + digits[2..];
        }

        return digits;
    }

    /// <summary>
    /// The lower-case domain of a company e-mail address ("Zhang.San@Huawei.COM" → "huawei.com"), or
    /// <see langword="null"/> when the address is missing, malformed, or at a free web-mail provider
    /// (qq.com, 163.com, 126.com, gmail.com, outlook.com, hotmail.com, yahoo.com, sina.com, foxmail.com, ...).
    /// </summary>
    public static string? EmailDomain(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var address = FoldWidth(email).Trim().ToLowerInvariant();
        var open = address.LastIndexOf('<');
        var close = address.LastIndexOf('>');
        if (open >= 0 && close > open)
        {
            // "Zhang San <zhang@acme.com>" as pasted from a mail client.
            address = address[(open + 1)..close].Trim();
        }

        if (address.StartsWith("mailto:", StringComparison.Ordinal))
        {
            address = address["mailto:".Length..];
        }

        var at = address.IndexOf('@');
        if (at <= 0 || at != address.LastIndexOf('@'))
        {
            return null;
        }

        var domain = address[(at + 1)..].TrimEnd('.');
        var labels = domain.Split('.');
        var valid = labels.Length >= 2
            && labels.All(l => l.Length > 0 && !l.StartsWith('-') && !l.EndsWith('-') && l.All(c => char.IsLetterOrDigit(c) || c == '-'))
            && !address[..at].Any(char.IsWhiteSpace);
        if (!valid)
        {
            return null;
        }

        return FreeMailDomains.Contains(domain) ? null : domain;
    }

    private static string StripPlaceQualifiers(string s)
    {
        var builder = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            var close = s[i] == '(' ? s.IndexOf(')', i + 1) : -1;
            if (close > i && IsPlaceQualifier(s[(i + 1)..close].Trim()))
            {
                builder.Append(' ');
                i = close + 1;
                continue;
            }

            builder.Append(s[i]);
            i++;
        }

        return builder.ToString();
    }

    private static bool IsPlaceQualifier(string inner)
    {
        // Bracketed Chinese text in a registered name is a place ((北京), (中国)) or a form ((有限合伙));
        // neither tells two accounts apart.
        var isShortChinese = inner.Length is > 0 and <= 6 && inner.All(c => c >= '\u4E00' && c <= '\u9FFF');
        return isShortChinese || EnglishRegions.Contains(string.Join(' ', SplitWords(inner)));
    }

    private static List<string> SplitWords(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            builder.Append(char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) ? ' ' : c);
        }

        return [.. builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static void StripLegalSuffixes(List<string> words)
    {
        var changed = true;
        while (changed && words.Count > 0)
        {
            changed = TryStripEnglishSuffix(words) || TryStripChineseSuffix(words);
        }
    }

    private static bool TryStripEnglishSuffix(List<string> words)
    {
        foreach (var suffix in EnglishSuffixes)
        {
            if (words.Count >= suffix.Length && words.GetRange(words.Count - suffix.Length, suffix.Length).SequenceEqual(suffix, StringComparer.Ordinal))
            {
                words.RemoveRange(words.Count - suffix.Length, suffix.Length);
                return true;
            }
        }

        return false;
    }

    private static bool TryStripChineseSuffix(List<string> words)
    {
        var last = words[^1];
        foreach (var suffix in ChineseSuffixes)
        {
            if (last.EndsWith(suffix, StringComparison.Ordinal))
            {
                var remaining = last[..^suffix.Length];
                if (remaining.Length > 0)
                {
                    words[^1] = remaining;
                }
                else
                {
                    words.RemoveAt(words.Count - 1);
                }

                return true;
            }
        }

        return false;
    }
}
