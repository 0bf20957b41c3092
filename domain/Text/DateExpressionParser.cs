using System.Globalization;
using System.Text.RegularExpressions;

namespace OppBot.Domain.Text;

/// <summary>
/// Turns what a rep types for "when" into a moment: "tomorrow 3pm", "next fri", "in 3 days", "12/1",
/// "Dec 1", "2026-12-01 15:00", "明天下午3点", "下周一", "周五", "3天后", "12月1日", "2026年12月1日".
/// The text is read in the user's time zone (wall time, DST-aware) and the result is in UTC.
/// </summary>
/// <remarks>
/// Rules a reader would otherwise have to guess:
/// <list type="bullet">
/// <item>No time given → <see cref="DefaultTimeOfDay"/> (09:00 local); "今晚"/"tonight"/"晚上" → 20:00, "下午" → 14:00.
/// "晚上12点" is the midnight that ends that evening.</item>
/// <item>"周末"/"weekend" is this week's Saturday (today on a Sunday); "下周末"/"next weekend" is next week's Saturday.</item>
/// <item>A weekday alone ("fri", "周五") is its next occurrence strictly after today; "next fri"/"下周五" is the
/// Friday of the following ISO week (Monday-based); "next week"/"下周" is that week's Monday.</item>
/// <item>Hours and minutes ("3h", "2小时后") count from now and keep the time; days, weeks and months
/// count calendar days from today.</item>
/// <item>A date without a year ("12/1", "Dec 1", "12月1日") is this year, or next year once it has passed; a
/// day alone ("5号") is this month or the next.</item>
/// <item>A time alone ("3pm", "下午3点") is today, or tomorrow once it has passed. A Chinese hour from 1 to 6
/// without 上午/凌晨 ("3点半") is afternoon: nobody books a client call at 3:30 in the morning.</item>
/// <item>A wall time skipped by a DST change is moved forward by the gap; a repeated one takes the first
/// occurrence.</item>
/// </list>
/// </remarks>
public static partial class DateExpressionParser
{
    /// <summary>The time of day used when the text names only a day: 09:00 local.</summary>
    public static readonly TimeOnly DefaultTimeOfDay = new(9, 0);

    /// <summary>The most whitespace-separated tokens <see cref="ParsePrefix"/> tries to read as a date: 4.</summary>
    public const int MaxPrefixTokens = 4;

    /// <summary>How far ahead a date may be before it is <see cref="DateParseError.TooFarAhead"/>: 5 years.</summary>
    public const int MaxYearsAhead = 5;

    private const string Weekdays = @"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?";
    private const string Months = @"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
    private const string ChineseNumber = @"\d{1,2}|[一二三四五六七八九十]{1,3}";
    private const string Periods = "早上|早晨|上午|中午|下午|傍晚|晚上|夜里|凌晨|早|晚|morning|afternoon|evening";
    private const string Meridiem = @"am|pm|a\.m\.|p\.m\.";

    private static readonly Dictionary<string, (int Days, DayPeriod? Period)> FixedDays = new(StringComparer.Ordinal)
    {
        ["today"] = (0, null), ["tdy"] = (0, null), ["tonight"] = (0, DayPeriod.Evening),
        ["tomorrow"] = (1, null), ["tomorow"] = (1, null), ["tmrw"] = (1, null), ["tmr"] = (1, null),
        ["day after tomorrow"] = (2, null), ["the day after tomorrow"] = (2, null),
        ["今天"] = (0, null), ["今日"] = (0, null), ["今早"] = (0, DayPeriod.Morning), ["今晚"] = (0, DayPeriod.Evening),
        ["明天"] = (1, null), ["明日"] = (1, null), ["明早"] = (1, DayPeriod.Morning), ["明晨"] = (1, DayPeriod.Morning),
        ["明晚"] = (1, DayPeriod.Evening), ["后天"] = (2, null), ["大后天"] = (3, null),
    };

    private enum DayPeriod
    {
        Morning,
        Noon,
        Afternoon,
        Evening,
        Am,
        Pm,
    }

    /// <summary>
    /// Parses the whole of <paramref name="text"/> as a date expression relative to <paramref name="now"/>,
    /// read in <paramref name="zone"/>. Full-width characters, case and extra spaces do not matter.
    /// </summary>
    public static DateParseResult Parse(string text, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (string.IsNullOrWhiteSpace(text))
        {
            return DateParseResult.Failed(DateParseError.Empty);
        }

        var s = NameNormalizer.NormalizeCommandText(text);
        return ParseNormalized(s, new Clock(now, zone), s.Split(' ').Length);
    }

    /// <summary>
    /// Reads a date from the start of a command's text and returns what follows it in <paramref name="rest"/>
    /// (trimmed, case and width as typed): "tomorrow 3pm call the CFO" → tomorrow 15:00 + "call the CFO";
    /// "明天给客户打电话" → 明天 09:00 + "给客户打电话". The longest start that is a date wins, looking at
    /// most <see cref="MaxPrefixTokens"/> tokens ahead and, inside a token, cutting only next to Chinese text.
    /// When no date starts the text, the result is <see cref="DateParseError.NotADate"/> and
    /// <paramref name="rest"/> is the whole trimmed text.
    /// </summary>
    public static DateParseResult ParsePrefix(string text, DateTimeOffset now, TimeZoneInfo zone, out string rest)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (string.IsNullOrWhiteSpace(text))
        {
            rest = "";
            return DateParseResult.Failed(DateParseError.Empty);
        }

        var trimmed = text.Trim();
        var tokens = TokenEnds(trimmed);
        var clock = new Clock(now, zone);
        for (var t = Math.Min(MaxPrefixTokens, tokens.Count) - 1; t >= 0; t--)
        {
            var tokenStart = t == 0 ? 0 : NextNonSpace(trimmed, tokens[t - 1]);
            for (var cut = tokens[t]; cut > tokenStart; cut--)
            {
                if (cut < tokens[t] && !IsChinese(trimmed[cut - 1]) && !IsChinese(trimmed[cut]))
                {
                    continue; // never split "tomorrow" or "15:00"; only "明天|给客户" or "15:00|演示"
                }

                var result = ParseNormalized(NameNormalizer.NormalizeCommandText(trimmed[..cut]), clock, t + 1);
                if (result.IsDate)
                {
                    rest = trimmed[cut..].Trim();
                    return result;
                }
            }
        }

        rest = trimmed;
        return DateParseResult.Failed(DateParseError.NotADate);
    }

    private static DateParseResult ParseNormalized(string s, Clock clock, int consumedTokens)
    {
        var pos = 0;
        var date = MatchDate(s, ref pos, clock);
        TimePart? time;
        if (date is not null)
        {
            pos = SkipSpaces(s, pos);
            time = MatchTime(s, ref pos);
        }
        else
        {
            time = MatchTime(s, ref pos);
            if (time is not null)
            {
                pos = SkipSpaces(s, pos);
                date = MatchDate(s, ref pos, clock);
            }
        }

        if (SkipSpaces(s, pos) != s.Length || (date is null && time is null) || date is { Valid: false })
        {
            return DateParseResult.Failed(DateParseError.NotADate);
        }

        DateTimeOffset value;
        if (date?.Moment is { } moment)
        {
            if (time is not null)
            {
                return DateParseResult.Failed(DateParseError.NotADate); // "in 3 hours 5pm"
            }

            value = moment;
        }
        else
        {
            if (ResolveTime(time, date?.Period) is not { } resolved)
            {
                return DateParseResult.Failed(DateParseError.NotADate); // "25:00", "15pm"
            }

            var (timeOfDay, extraDays) = resolved;
            var day = (date?.Day ?? clock.Today).AddDays(extraDays);
            if (date is null && day.ToDateTime(timeOfDay) <= clock.LocalNow.DateTime)
            {
                day = day.AddDays(1); // "3pm" said at 4pm means tomorrow
            }

            value = ToUtc(day.ToDateTime(timeOfDay), clock.Zone);
            if (date is { Absolute: true } && date.Value.Day < clock.Today)
            {
                return DateParseResult.Rejected(value, consumedTokens, DateParseError.InThePast);
            }
        }

        return value > clock.Now.AddYears(MaxYearsAhead)
            ? DateParseResult.Rejected(value, consumedTokens, DateParseError.TooFarAhead)
            : DateParseResult.Parsed(value, consumedTokens);
    }

    private static DatePart? MatchDate(string s, ref int pos, Clock clock)
    {
        var today = clock.Today;
        Match m;
        DatePart? part = null;
        if ((m = FixedDay().Match(s, pos)).Success)
        {
            var (days, period) = FixedDays[m.Value];
            part = DatePart.On(today.AddDays(days), period);
        }
        else if ((m = NextWeekday().Match(s, pos)).Success)
        {
            part = DatePart.On(WeekdayIn(today, Weekday(m.Groups["day"].Value), weeksAhead: 1));
        }
        else if ((m = ThisWeekday().Match(s, pos)).Success)
        {
            part = DatePart.On(WeekdayIn(today, Weekday(m.Groups["day"].Value), weeksAhead: 0), period: null, absolute: true);
        }
        else if ((m = BareWeekday().Match(s, pos)).Success)
        {
            var days = (Weekday(m.Groups["day"].Value) - IsoDay(today) + 7) % 7;
            part = DatePart.On(today.AddDays(days == 0 ? 7 : days));
        }
        else if ((m = Weekend().Match(s, pos)).Success)
        {
            // Saturday: of next week for "下周末"/"next weekend", else of this week (today once it is the weekend).
            var saturday = WeekdayIn(today, 6, weeksAhead: m.Groups["next"].Success ? 1 : 0);
            part = DatePart.On(saturday < today ? today : saturday);
        }
        else if ((m = NextWeek().Match(s, pos)).Success)
        {
            part = DatePart.On(WeekdayIn(today, 1, weeksAhead: 1));
        }
        else if ((m = NextMonth().Match(s, pos)).Success)
        {
            var first = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
            part = m.Groups["d"].Success ? DayIn(first.Year, first.Month, SmallNumber(m.Groups["d"].Value)) : DatePart.On(first);
        }
        else if ((m = EndOfMonth().Match(s, pos)).Success)
        {
            var first = new DateOnly(today.Year, today.Month, 1).AddMonths(m.Groups["next"].Success ? 1 : 0);
            part = DatePart.On(first.AddMonths(1).AddDays(-1));
        }
        else if ((m = RelativeSpan().Match(s, pos)).Success)
        {
            part = Relative(m.Groups["n"].Value, m.Groups["u"].Value, clock);
        }
        else if ((m = IsoDate().Match(s, pos)).Success || (m = ChineseFullDate().Match(s, pos)).Success
            || (m = SlashDateWithYear().Match(s, pos)).Success)
        {
            part = DayIn(int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), SmallNumber(m.Groups["m"].Value), SmallNumber(m.Groups["d"].Value));
        }
        else if ((m = MonthNameDay().Match(s, pos)).Success || (m = DayMonthName().Match(s, pos)).Success)
        {
            var month = MonthNumber(m.Groups["mon"].Value);
            var day = SmallNumber(m.Groups["d"].Value);
            part = m.Groups["y"].Success
                ? DayIn(int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), month, day)
                : NextMonthDay(today, month, day);
        }
        else if ((m = SlashDate().Match(s, pos)).Success || (m = ChineseMonthDay().Match(s, pos)).Success)
        {
            part = NextMonthDay(today, SmallNumber(m.Groups["m"].Value), SmallNumber(m.Groups["d"].Value));
        }
        else if ((m = ChineseDayOfMonth().Match(s, pos)).Success)
        {
            part = NextDayOfMonth(today, SmallNumber(m.Groups["d"].Value));
        }

        if (part is not null)
        {
            pos = m.Index + m.Length;
        }

        return part;
    }

    private static TimePart? MatchTime(string s, ref int pos)
    {
        Match m;
        TimePart? part = null;
        if ((m = ClockTime().Match(s, pos)).Success)
        {
            var period = m.Groups["ap"].Success ? ParsePeriod(m.Groups["ap"].Value) : ParsePeriod(m.Groups["p"].Value);
            part = new TimePart(SmallNumber(m.Groups["h"].Value), SmallNumber(m.Groups["min"].Value), period, ChineseHour: false);
        }
        else if ((m = MeridiemHour().Match(s, pos)).Success)
        {
            part = new TimePart(SmallNumber(m.Groups["h"].Value), 0, ParsePeriod(m.Groups["ap"].Value), ChineseHour: false);
        }
        else if ((m = Noon().Match(s, pos)).Success)
        {
            part = new TimePart(12, 0, null, ChineseHour: false);
        }
        else if ((m = ChineseHourTime().Match(s, pos)).Success)
        {
            var minute = m.Groups["min"].Value switch
            {
                "" or "整" => 0,
                "半" => 30,
                "一刻" => 15,
                "三刻" => 45,
                var digits => SmallNumber(digits),
            };
            part = new TimePart(SmallNumber(m.Groups["h"].Value), minute, ParsePeriod(m.Groups["p"].Value), ChineseHour: true);
        }
        else if ((m = PeriodOnly().Match(s, pos)).Success)
        {
            part = new TimePart(null, 0, ParsePeriod(m.Groups["p"].Value), ChineseHour: false);
        }

        if (part is not null)
        {
            pos = m.Index + m.Length;
        }

        return part;
    }

    // The time of day, and 1 extra day for 晚上12点 (midnight at the end of that evening).
    private static (TimeOnly Time, int ExtraDays)? ResolveTime(TimePart? time, DayPeriod? datePeriod)
    {
        if (time is not { } t)
        {
            return (datePeriod is { } p ? DefaultTimeOf(p) : DefaultTimeOfDay, 0);
        }

        var period = t.Period ?? datePeriod;
        if (t.Hour is not { } hour)
        {
            return period is { } only ? (DefaultTimeOf(only), 0) : null;
        }

        switch (period)
        {
            case DayPeriod.Am or DayPeriod.Pm when hour is < 1 or > 12:
                return null; // "0am", "15pm"
            case DayPeriod.Am:
                hour %= 12;
                break;
            case DayPeriod.Pm:
                hour = (hour % 12) + 12;
                break;
            case DayPeriod.Noon when hour < 11:
            case DayPeriod.Afternoon or DayPeriod.Evening when hour < 12:
                hour += 12; // 中午1点 = 13:00, 晚上8点 = 20:00
                break;
            case DayPeriod.Evening when hour == 12:
                hour = 24;
                break;
            case null when t.ChineseHour && hour is >= 1 and <= 6:
                hour += 12;
                break;
        }

        return hour is >= 0 and <= 24 && t.Minute is >= 0 and <= 59 && (hour < 24 || period == DayPeriod.Evening)
            ? (new TimeOnly(hour % 24, t.Minute), hour / 24)
            : null;
    }

    private static TimeOnly DefaultTimeOf(DayPeriod period) => period switch
    {
        DayPeriod.Noon => new TimeOnly(12, 0),
        DayPeriod.Afternoon or DayPeriod.Pm => new TimeOnly(14, 0),
        DayPeriod.Evening => new TimeOnly(20, 0),
        _ => DefaultTimeOfDay,
    };

    private static DayPeriod? ParsePeriod(string word) => word switch
    {
        "" => null,
        "am" or "a.m." => DayPeriod.Am,
        "pm" or "p.m." => DayPeriod.Pm,
        "早上" or "早晨" or "上午" or "早" or "凌晨" or "morning" => DayPeriod.Morning,
        "中午" => DayPeriod.Noon,
        "下午" or "afternoon" => DayPeriod.Afternoon,
        _ => DayPeriod.Evening, // 傍晚, 晚上, 夜里, 晚, evening
    };

    private static DatePart Relative(string count, string unit, Clock clock)
    {
        if (count == "半")
        {
            // 半小时后 is the only common "half" form.
            return unit.EndsWith("小时", StringComparison.Ordinal) || unit.EndsWith("钟头", StringComparison.Ordinal)
                ? DatePart.At(clock.Now.AddMinutes(30))
                : DatePart.Invalid;
        }

        var n = SmallNumber(count);
        return unit switch
        {
            "d" or "day" or "days" or "天" => DatePart.On(clock.Today.AddDays(n)),
            "w" or "wk" or "wks" or "week" or "weeks" or "周" or "星期" or "礼拜" or "个星期" or "个礼拜" => DatePart.On(clock.Today.AddDays(7 * n)),
            "mo" or "mos" or "month" or "months" or "个月" => DatePart.On(clock.Today.AddMonths(n)),
            "h" or "hr" or "hrs" or "hour" or "hours" or "小时" or "个小时" or "钟头" or "个钟头" => DatePart.At(clock.Now.AddHours(n)),
            _ => DatePart.At(clock.Now.AddMinutes(n)), // min, mins, minute(s), 分钟
        };
    }

    // The given weekday (ISO 1 = Monday … 7 = Sunday) in this week (0) or a later one.
    private static DateOnly WeekdayIn(DateOnly today, int isoDay, int weeksAhead) =>
        today.AddDays(-(IsoDay(today) - 1) + (7 * weeksAhead) + (isoDay - 1));

    private static int IsoDay(DateOnly day) => day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek;

    private static int Weekday(string word) => word switch
    {
        "一" or "1" => 1,
        "二" or "2" => 2,
        "三" or "3" => 3,
        "四" or "4" => 4,
        "五" or "5" => 5,
        "六" or "6" => 6,
        "日" or "天" or "7" => 7,
        _ => word[..2] switch
        {
            "mo" => 1,
            "tu" => 2,
            "we" => 3,
            "th" => 4,
            "fr" => 5,
            "sa" => 6,
            _ => 7,
        },
    };

    private static int MonthNumber(string word) => word[..3] switch
    {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        _ => 12,
    };

    private static DatePart DayIn(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? DatePart.On(new DateOnly(year, month, day), period: null, absolute: true)
            : DatePart.Invalid;

    // "12/1", "Dec 1", "12月1日": this year, or the first later year where it exists and has not passed (2/29).
    private static DatePart NextMonthDay(DateOnly today, int month, int day)
    {
        if (month is < 1 or > 12 || day is < 1 or > 31)
        {
            return DatePart.Invalid;
        }

        for (var year = today.Year; year <= today.Year + 4; year++)
        {
            if (day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day) >= today)
            {
                return DatePart.On(new DateOnly(year, month, day));
            }
        }

        return DatePart.Invalid;
    }

    // "5号": this month, or the next month that has that day and has not passed it.
    private static DatePart NextDayOfMonth(DateOnly today, int day)
    {
        var first = new DateOnly(today.Year, today.Month, 1);
        for (var i = 0; i < 12 && day is >= 1 and <= 31; i++)
        {
            var month = first.AddMonths(i);
            if (day <= DateTime.DaysInMonth(month.Year, month.Month) && new DateOnly(month.Year, month.Month, day) >= today)
            {
                return DatePart.On(new DateOnly(month.Year, month.Month, day));
            }
        }

        return DatePart.Invalid;
    }

    // "12", "三", "十二", "两": the regexes only let small numbers through.
    private static int SmallNumber(string text)
    {
        if (text.All(char.IsAsciiDigit))
        {
            return int.Parse(text, CultureInfo.InvariantCulture);
        }

        var parsed = AmountParser.Parse(text);
        return parsed.Success ? (int)parsed.Amount : -1;
    }

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // Skipped by a spring-forward change (02:30 in New York): read it with the offset in force before
            // the gap, which lands the same distance after it (03:30), as NodaTime's lenient resolver does.
            offset = zone.GetUtcOffset(local.AddHours(-6));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            // Repeated by a fall-back change: the larger offset is the first occurrence.
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static List<int> TokenEnds(string s)
    {
        var ends = new List<int>();
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsWhiteSpace(s[i]) && (i + 1 == s.Length || char.IsWhiteSpace(s[i + 1])))
            {
                ends.Add(i + 1);
            }
        }

        return ends;
    }

    private static int NextNonSpace(string s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipSpaces(string s, int pos) => NextNonSpace(s, pos);

    private static bool IsChinese(char c) => c is >= '\u3400' and <= '\u9FFF';

    [GeneratedRegex(@"\G(?:the day after tomorrow|day after tomorrow|today|tdy|tonight|tomorrow|tomorow|tmrw|tmr|大后天|后天|明天|明日|明早|明晨|明晚|今天|今日|今早|今晚)(?![a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex FixedDay();

    [GeneratedRegex(@"\G(?:next (?<day>" + Weekdays + @")\.?(?![a-z])|下(?:个|一个?)?(?:周|星期|礼拜)(?<day>[一二三四五六日天1-7]))", RegexOptions.CultureInvariant)]
    private static partial Regex NextWeekday();

    [GeneratedRegex(@"\G(?:this (?<day>" + Weekdays + @")\.?(?![a-z])|(?:这个?|本)(?:周|星期|礼拜)(?<day>[一二三四五六日天1-7]))", RegexOptions.CultureInvariant)]
    private static partial Regex ThisWeekday();

    [GeneratedRegex(@"\G(?:(?:coming )?(?<day>" + Weekdays + @")\.?(?![a-z])|(?:周|星期|礼拜)(?<day>[一二三四五六日天1-7]))", RegexOptions.CultureInvariant)]
    private static partial Regex BareWeekday();

    [GeneratedRegex(@"\G(?:(?:this )?weekend(?![a-z])|(?:这个?|本)?周末|(?<next>next )weekend(?![a-z])|(?<next>下(?:个|一个?)?)周末)", RegexOptions.CultureInvariant)]
    private static partial Regex Weekend();

    [GeneratedRegex(@"\G(?:next week(?![a-z])|下(?:个|一个?)?(?:周|星期|礼拜))", RegexOptions.CultureInvariant)]
    private static partial Regex NextWeek();

    [GeneratedRegex(@"\G(?:next month(?![a-z])|下(?:个|一个?)?月(?!底)(?:(?<d>" + ChineseNumber + ")[日号])?)", RegexOptions.CultureInvariant)]
    private static partial Regex NextMonth();

    [GeneratedRegex(@"\G(?:(?:the )?end of (?:the )?month(?![a-z])|eom(?![a-z])|(?:这个?|本)?月底|(?<next>下(?:个|一个?)?)月底)", RegexOptions.CultureInvariant)]
    private static partial Regex EndOfMonth();

    [GeneratedRegex(@"\G(?:(?:in ?)?(?<n>\d{1,3}) ?(?<u>days?|d|weeks?|wks?|w|months?|mos?|hours?|hrs?|h|minutes?|mins?)(?: later| from now)?(?![a-z])|(?<n>\d{1,3}|[零一二两三四五六七八九十百]{1,4}|半)(?<u>天|个?星期|个?礼拜|周|个月|个?小时|个?钟头|分钟)(?:以后|之后|后)?)", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeSpan();

    [GeneratedRegex(@"\G(?<y>\d{4})[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2})(?!\d)(?:t(?=\d))?", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\G(?<y>\d{4})年(?<m>" + ChineseNumber + ")月(?<d>" + ChineseNumber + ")[日号]?", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseFullDate();

    [GeneratedRegex(@"\G(?<m>\d{1,2})/(?<d>\d{1,2})/(?<y>\d{4})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex SlashDateWithYear();

    [GeneratedRegex(@"\G(?<m>\d{1,2})/(?<d>\d{1,2})(?![\d/])", RegexOptions.CultureInvariant)]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"\G(?<mon>" + Months + @")(?![a-z])\.? ?(?<d>\d{1,2})(?:st|nd|rd|th)?(?![a-z\d])(?:,? (?<y>\d{4})(?![\d:]))?", RegexOptions.CultureInvariant)]
    private static partial Regex MonthNameDay();

    [GeneratedRegex(@"\G(?<d>\d{1,2})(?:st|nd|rd|th)? ?(?<mon>" + Months + @")(?![a-z])\.?(?:,? (?<y>\d{4})(?![\d:]))?", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthName();

    [GeneratedRegex(@"\G(?<m>" + ChineseNumber + ")月(?<d>" + ChineseNumber + ")[日号]?", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseMonthDay();

    [GeneratedRegex(@"\G(?<d>" + ChineseNumber + ")[日号]", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseDayOfMonth();

    [GeneratedRegex(@"\G(?:(?:at|@) ?)?(?:(?<p>" + Periods + @") ?)?(?<h>\d{1,2}):(?<min>\d{2})(?!\d)(?: ?(?<ap>" + Meridiem + @")(?![a-z]))?", RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\G(?:(?:at|@) ?)?(?<h>\d{1,2}) ?(?<ap>" + Meridiem + @")(?![a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex MeridiemHour();

    [GeneratedRegex(@"\G(?:at )?(?:noon|midday)(?![a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex Noon();

    [GeneratedRegex(@"\G(?:(?<p>" + Periods + @") ?)?(?<h>\d{1,2}|[零一二两三四五六七八九十]{1,3})(?:点钟?|时)(?<min>半|一刻|三刻|整|\d{1,2}(?!\d)|[零一二三四五六七八九十]{1,3})?分?", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseHourTime();

    [GeneratedRegex(@"\G(?:in the )?(?<p>早上|早晨|上午|中午|下午|傍晚|晚上|夜里|morning|afternoon|evening)(?![a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodOnly();

    private readonly record struct Clock(DateTimeOffset Now, TimeZoneInfo Zone)
    {
        public DateTimeOffset LocalNow => TimeZoneInfo.ConvertTime(Now, Zone);

        public DateOnly Today => DateOnly.FromDateTime(LocalNow.DateTime);
    }

    private readonly record struct TimePart(int? Hour, int Minute, DayPeriod? Period, bool ChineseHour);

    private readonly record struct DatePart(DateOnly Day, DateTimeOffset? Moment, DayPeriod? Period, bool Absolute, bool Valid)
    {
        public static DatePart Invalid => new(default, null, null, false, false);

        public static DatePart On(DateOnly day, DayPeriod? period = null, bool absolute = false) => new(day, null, period, absolute, true);

        public static DatePart At(DateTimeOffset moment) => new(default, moment.ToUniversalTime(), null, false, true);
    }
}
