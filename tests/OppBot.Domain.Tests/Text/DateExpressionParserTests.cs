using System.Globalization;
using OppBot.Domain.Text;

namespace OppBot.Domain.Tests.Text;

// now = Wednesday 2026-11-25 10:00 in Shanghai; expectations are Shanghai wall times.
public sealed class DateExpressionParserTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("today", "2026-11-25 09:00")] // default time of day, even if already passed
    [InlineData("tomorrow", "2026-11-26 09:00")] // default 09:00
    [InlineData("tmr", "2026-11-26 09:00")] // chat abbreviation
    [InlineData("tmrw", "2026-11-26 09:00")] // another abbreviation
    [InlineData("day after tomorrow", "2026-11-27 09:00")] // three-word phrase
    [InlineData("tonight", "2026-11-25 20:00")] // evening default
    [InlineData("fri", "2026-11-27 09:00")] // weekday abbreviation: this coming Friday
    [InlineData("friday", "2026-11-27 09:00")] // full weekday name
    [InlineData("thu", "2026-11-26 09:00")] // tomorrow's weekday
    [InlineData("wed", "2026-12-02 09:00")] // today's weekday means next week: strictly after today
    [InlineData("mon", "2026-11-30 09:00")] // a weekday already passed this week
    [InlineData("sun", "2026-11-29 09:00")] // Sunday ends the ISO week
    [InlineData("next fri", "2026-12-04 09:00")] // Friday of the following ISO week
    [InlineData("next friday", "2026-12-04 09:00")] // full name
    [InlineData("next wed", "2026-12-02 09:00")] // same weekday next week
    [InlineData("next mon", "2026-11-30 09:00")] // Monday of next week
    [InlineData("next sunday", "2026-12-06 09:00")] // Sunday of next week
    [InlineData("next week", "2026-11-30 09:00")] // Monday of next week
    [InlineData("next month", "2026-12-01 09:00")] // first of next month
    [InlineData("end of month", "2026-11-30 09:00")] // last day of this month
    [InlineData("weekend", "2026-11-28 09:00")] // Saturday of this week
    [InlineData("next weekend", "2026-12-05 09:00")] // Saturday of next week
    [InlineData("3d", "2026-11-28 09:00")] // compact days
    [InlineData("3 days", "2026-11-28 09:00")] // spelled-out days
    [InlineData("in 3 days", "2026-11-28 09:00")] // with "in"
    [InlineData("2w", "2026-12-09 09:00")] // compact weeks
    [InlineData("2 weeks", "2026-12-09 09:00")] // spelled-out weeks
    [InlineData("1 month", "2026-12-25 09:00")] // calendar month
    [InlineData("3h", "2026-11-25 13:00")] // hours count from now and keep the minutes
    [InlineData("in 3 hours", "2026-11-25 13:00")] // spelled-out hours
    [InlineData("30 min", "2026-11-25 10:30")] // minutes from now
    [InlineData("2026-12-01", "2026-12-01 09:00")] // ISO date
    [InlineData("2026-12-01 15:00", "2026-12-01 15:00")] // ISO date and time
    [InlineData("2026-12-01T15:00", "2026-12-01 15:00")] // ISO with the T separator
    [InlineData("2026/12/1", "2026-12-01 09:00")] // slashes, no zero padding
    [InlineData("12/1", "2026-12-01 09:00")] // month/day this year
    [InlineData("11/1", "2027-11-01 09:00")] // month/day already passed: next year
    [InlineData("11/25", "2026-11-25 09:00")] // today is not in the past
    [InlineData("12/1/2026", "2026-12-01 09:00")] // US order with year
    [InlineData("Dec 1", "2026-12-01 09:00")] // month name first
    [InlineData("1 Dec", "2026-12-01 09:00")] // day first
    [InlineData("December 1st", "2026-12-01 09:00")] // ordinal suffix
    [InlineData("jan 5", "2027-01-05 09:00")] // early next year
    [InlineData("Dec 1, 2026", "2026-12-01 09:00")] // with year
    public void Parse_EnglishDate_ReturnsLocalWallTime(string text, string expected)
    {
        var result = DateExpressionParser.Parse(text, Now, Shanghai);

        Assert.True(result.Success, $"{text}: {result.Error}");
        Assert.Equal(expected, Local(result, Shanghai));
    }

    [Theory]
    [InlineData("tomorrow 3pm", "2026-11-26 15:00")] // am/pm hour
    [InlineData("tomorrow at 3pm", "2026-11-26 15:00")] // with "at"
    [InlineData("tomorrow 3 pm", "2026-11-26 15:00")] // space before pm
    [InlineData("tomorrow 10:30am", "2026-11-26 10:30")] // minutes and am
    [InlineData("tomorrow 12pm", "2026-11-26 12:00")] // 12pm is noon
    [InlineData("tomorrow 12am", "2026-11-26 00:00")] // 12am is midnight
    [InlineData("tomorrow noon", "2026-11-26 12:00")] // word for 12:00
    [InlineData("tomorrow afternoon", "2026-11-26 14:00")] // period without an hour
    [InlineData("next fri 10:30am", "2026-12-04 10:30")] // weekday and time
    [InlineData("fri 15:00", "2026-11-27 15:00")] // 24-hour clock
    [InlineData("3pm tomorrow", "2026-11-26 15:00")] // time before date
    [InlineData("3pm", "2026-11-25 15:00")] // time alone: today while still ahead
    [InlineData("8am", "2026-11-26 08:00")] // time alone already passed: tomorrow
    [InlineData("15:00", "2026-11-25 15:00")] // 24-hour time alone
    [InlineData("  Tomorrow   3PM ", "2026-11-26 15:00")] // case and extra spaces
    [InlineData("ｔｏｍｏｒｒｏｗ　３ｐｍ", "2026-11-26 15:00")] // full-width letters, digits and space
    public void Parse_EnglishDateAndTime_ReturnsLocalWallTime(string text, string expected)
    {
        var result = DateExpressionParser.Parse(text, Now, Shanghai);

        Assert.True(result.Success, $"{text}: {result.Error}");
        Assert.Equal(expected, Local(result, Shanghai));
    }

    [Theory]
    [InlineData("今天", "2026-11-25 09:00")] // today
    [InlineData("明天", "2026-11-26 09:00")] // tomorrow
    [InlineData("后天", "2026-11-27 09:00")] // day after tomorrow
    [InlineData("大后天", "2026-11-28 09:00")] // three days out
    [InlineData("今晚", "2026-11-25 20:00")] // tonight
    [InlineData("周五", "2026-11-27 09:00")] // weekday with 周
    [InlineData("星期五", "2026-11-27 09:00")] // weekday with 星期
    [InlineData("礼拜五", "2026-11-27 09:00")] // weekday with 礼拜
    [InlineData("周三", "2026-12-02 09:00")] // today's weekday is next week's
    [InlineData("周日", "2026-11-29 09:00")] // Sunday as 日
    [InlineData("周天", "2026-11-29 09:00")] // Sunday as 天
    [InlineData("星期日", "2026-11-29 09:00")] // Sunday with 星期
    [InlineData("星期天", "2026-11-29 09:00")] // colloquial Sunday
    [InlineData("周5", "2026-11-27 09:00")] // digit weekday
    [InlineData("下周一", "2026-11-30 09:00")] // Monday of next week
    [InlineData("下星期一", "2026-11-30 09:00")] // with 星期
    [InlineData("下周五", "2026-12-04 09:00")] // Friday of next week, not this one
    [InlineData("下个星期三", "2026-12-02 09:00")] // with 个
    [InlineData("下周", "2026-11-30 09:00")] // next week alone: its Monday
    [InlineData("下个月", "2026-12-01 09:00")] // first of next month
    [InlineData("下个月5号", "2026-12-05 09:00")] // a day of next month
    [InlineData("月底", "2026-11-30 09:00")] // end of this month
    [InlineData("周末", "2026-11-28 09:00")] // this weekend: Saturday
    [InlineData("下周末", "2026-12-05 09:00")] // next weekend, not 下周 + 末
    [InlineData("3天后", "2026-11-28 09:00")] // days later
    [InlineData("三天后", "2026-11-28 09:00")] // Chinese numeral
    [InlineData("3天", "2026-11-28 09:00")] // without 后
    [InlineData("两天以后", "2026-11-27 09:00")] // 两 and 以后
    [InlineData("2周后", "2026-12-09 09:00")] // weeks later
    [InlineData("两个星期后", "2026-12-09 09:00")] // weeks with 个星期
    [InlineData("1个月后", "2026-12-25 09:00")] // a calendar month later
    [InlineData("2小时后", "2026-11-25 12:00")] // hours count from now
    [InlineData("半小时后", "2026-11-25 10:30")] // half an hour
    [InlineData("12月1日", "2026-12-01 09:00")] // month and day
    [InlineData("12月1号", "2026-12-01 09:00")] // colloquial 号
    [InlineData("十二月一日", "2026-12-01 09:00")] // Chinese numerals
    [InlineData("1月5日", "2027-01-05 09:00")] // passed this year: next year
    [InlineData("2026年12月1日", "2026-12-01 09:00")] // with year
    [InlineData("28号", "2026-11-28 09:00")] // day of this month
    [InlineData("5号", "2026-12-05 09:00")] // day already passed: next month
    public void Parse_ChineseDate_ReturnsLocalWallTime(string text, string expected)
    {
        var result = DateExpressionParser.Parse(text, Now, Shanghai);

        Assert.True(result.Success, $"{text}: {result.Error}");
        Assert.Equal(expected, Local(result, Shanghai));
    }

    [Theory]
    [InlineData("明天下午3点", "2026-11-26 15:00")] // afternoon hour
    [InlineData("明天 下午3点", "2026-11-26 15:00")] // space between date and time
    [InlineData("明天上午10点", "2026-11-26 10:00")] // morning hour
    [InlineData("明天晚上8点", "2026-11-26 20:00")] // evening hour
    [InlineData("明天中午12点", "2026-11-26 12:00")] // noon
    [InlineData("明天中午1点", "2026-11-26 13:00")] // 中午1点 is 13:00
    [InlineData("明天3点半", "2026-11-26 15:30")] // bare 1-6 o'clock is afternoon; 半 = 30 minutes
    [InlineData("明天凌晨3点", "2026-11-26 03:00")] // 凌晨 keeps the small hours
    [InlineData("明天9点", "2026-11-26 09:00")] // bare 9 o'clock is morning
    [InlineData("明天15点", "2026-11-26 15:00")] // 24-hour 点
    [InlineData("明天10点30分", "2026-11-26 10:30")] // hour and minutes
    [InlineData("明天三点一刻", "2026-11-26 15:15")] // Chinese numerals and a quarter
    [InlineData("明天 15:00", "2026-11-26 15:00")] // clock notation
    [InlineData("明天下午", "2026-11-26 14:00")] // period without an hour
    [InlineData("明晚8点", "2026-11-26 20:00")] // 明晚 carries the evening into the hour
    [InlineData("明天晚上12点", "2026-11-27 00:00")] // midnight at the end of that evening
    [InlineData("周五15：00", "2026-11-27 15:00")] // full-width colon
    [InlineData("下周一 上午10点", "2026-11-30 10:00")] // next-week weekday with a time
    [InlineData("12月1日 下午3点", "2026-12-01 15:00")] // date and time
    [InlineData("下午3点", "2026-11-25 15:00")] // time alone, later today
    [InlineData("3点半", "2026-11-25 15:30")] // time alone, afternoon by default
    [InlineData("上午9点", "2026-11-26 09:00")] // time alone already passed: tomorrow
    [InlineData("明天　下午３点", "2026-11-26 15:00")] // ideographic space and full-width digit
    public void Parse_ChineseDateAndTime_ReturnsLocalWallTime(string text, string expected)
    {
        var result = DateExpressionParser.Parse(text, Now, Shanghai);

        Assert.True(result.Success, $"{text}: {result.Error}");
        Assert.Equal(expected, Local(result, Shanghai));
    }

    [Theory]
    [InlineData("", DateParseError.Empty)] // nothing typed
    [InlineData("   ", DateParseError.Empty)] // only spaces
    [InlineData("soon", DateParseError.NotADate)] // vague word
    [InlineData("call the CFO", DateParseError.NotADate)] // not a date at all
    [InlineData("tomorrow blah", DateParseError.NotADate)] // trailing words are not part of a date
    [InlineData("2026-02-30", DateParseError.NotADate)] // no such day
    [InlineData("13/45", DateParseError.NotADate)] // no such month or day
    [InlineData("25:00", DateParseError.NotADate)] // no such hour
    [InlineData("15pm", DateParseError.NotADate)] // pm needs a 12-hour clock
    [InlineData("in 3 hours 5pm", DateParseError.NotADate)] // a relative moment cannot take a time
    [InlineData("42", DateParseError.NotADate)] // a bare number is not a date
    [InlineData("2026-11-24", DateParseError.InThePast)] // yesterday
    [InlineData("2026年11月1日", DateParseError.InThePast)] // earlier this month
    [InlineData("本周一", DateParseError.InThePast)] // Monday of this week has passed
    [InlineData("this mon", DateParseError.InThePast)] // same in English
    [InlineData("2032-01-01", DateParseError.TooFarAhead)] // more than five years out
    [InlineData("in 999 weeks", DateParseError.TooFarAhead)] // relative but too far
    public void Parse_InvalidInput_ReturnsError(string text, DateParseError expected)
    {
        var result = DateExpressionParser.Parse(text, Now, Shanghai);

        Assert.False(result.Success);
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void Parse_AnyDate_ReturnsUtcOffset()
    {
        var result = DateExpressionParser.Parse("明天下午3点", Now, Shanghai);

        Assert.Equal(TimeSpan.Zero, result.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero), result.Value);
    }

    [Fact]
    public void Parse_InThePast_StillReportsTheMoment()
    {
        var result = DateExpressionParser.Parse("2026-11-24", Now, Shanghai);

        Assert.Equal("2026-11-24 09:00", Local(result, Shanghai));
    }

    [Fact]
    public void Parse_DateAndTime_CountsConsumedTokens()
    {
        var result = DateExpressionParser.Parse("next fri 10:30am", Now, Shanghai);

        Assert.Equal(3, result.ConsumedTokens);
    }

    [Theory]
    [InlineData("tomorrow", "2026-11-25 09:00")] // it is still Tuesday evening in New York
    [InlineData("today", "2026-11-24 09:00")] // New York's today, not Shanghai's
    [InlineData("fri", "2026-11-27 09:00")] // weekday counted from New York's Tuesday
    [InlineData("wed", "2026-11-25 09:00")] // Wednesday is tomorrow there
    public void Parse_UserInNewYork_UsesTheirCalendarDay(string text, string expected)
    {
        var result = DateExpressionParser.Parse(text, Now, NewYork);

        Assert.True(result.Success, $"{text}: {result.Error}");
        Assert.Equal(expected, Local(result, NewYork));
    }

    [Theory]
    [InlineData("2027-03-14 02:30", "2027-03-14T07:30:00Z")] // skipped by spring-forward: moves to 03:30 EDT
    [InlineData("2027-03-14 09:00", "2027-03-14T13:00:00Z")] // after the change: EDT (UTC-4)
    [InlineData("2027-03-13 09:00", "2027-03-13T14:00:00Z")] // before the change: EST (UTC-5)
    [InlineData("2027-11-07 01:30", "2027-11-07T05:30:00Z")] // repeated by fall-back: the first (EDT) occurrence
    [InlineData("2027-11-07 09:00", "2027-11-07T14:00:00Z")] // after fall-back: EST again
    public void Parse_AroundDaylightSavingChanges_ConvertsWallTimeWithTheZone(string text, string expectedUtc)
    {
        var result = DateExpressionParser.Parse(text, Now, NewYork);

        Assert.True(result.Success, $"{text}: {result.Error}");
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), result.Value);
    }

    [Fact]
    public void Parse_TomorrowAcrossSpringForward_KeepsNineOClockWallTime()
    {
        var saturdayNoon = new DateTimeOffset(2027, 3, 13, 12, 0, 0, TimeSpan.FromHours(-5));

        var tomorrow = DateExpressionParser.Parse("tomorrow", saturdayNoon, NewYork);
        var inDayOfHours = DateExpressionParser.Parse("in 24 hours", saturdayNoon, NewYork);

        Assert.Equal("2027-03-14 09:00", Local(tomorrow, NewYork));
        Assert.Equal("2027-03-14 13:00", Local(inDayOfHours, NewYork)); // 24 elapsed hours, one wall hour lost
    }

    [Theory]
    [InlineData("tomorrow 3pm call the CFO", "2026-11-26 15:00", "call the CFO", 2)] // English date and time, rest keeps its case
    [InlineData("明天 下午3点 给客户打电话", "2026-11-26 15:00", "给客户打电话", 2)] // Chinese tokens separated by spaces
    [InlineData("周五 演示", "2026-11-27 09:00", "演示", 1)] // weekday then the note
    [InlineData("明天给客户打电话", "2026-11-26 09:00", "给客户打电话", 1)] // no space: split after the date phrase
    [InlineData("明天下午3点半开会", "2026-11-26 15:30", "开会", 1)] // longest Chinese date phrase wins
    [InlineData("下周一开会", "2026-11-30 09:00", "开会", 1)] // 下周一 rather than 下周
    [InlineData("3天后跟进报价", "2026-11-28 09:00", "跟进报价", 1)] // 3天后 rather than 3天
    [InlineData("周五15:00演示", "2026-11-27 15:00", "演示", 1)] // clock time glued to Chinese text
    [InlineData("fri demo", "2026-11-27 09:00", "demo", 1)] // English abbreviation
    [InlineData("in 3 days send proposal", "2026-11-28 09:00", "send proposal", 3)] // three-token date
    [InlineData("Next Fri 10:30am Demo at HQ", "2026-12-04 10:30", "Demo at HQ", 3)] // date of three tokens, rest with a preposition
    [InlineData("2026-12-01 15:00 kickoff", "2026-12-01 15:00", "kickoff", 2)] // ISO date and time
    [InlineData("Dec 1 kickoff", "2026-12-01 09:00", "kickoff", 2)] // month name and day
    [InlineData("tomorrow", "2026-11-26 09:00", "", 1)] // nothing after the date
    [InlineData("  明天   打电话 ", "2026-11-26 09:00", "打电话", 1)] // extra spaces around
    public void ParsePrefix_CommandText_SplitsDateFromRest(string text, string expected, string expectedRest, int tokens)
    {
        var result = DateExpressionParser.ParsePrefix(text, Now, Shanghai, out var rest);

        Assert.True(result.Success, $"{text}: {result.Error}");
        Assert.Equal(expected, Local(result, Shanghai));
        Assert.Equal(expectedRest, rest);
        Assert.Equal(tokens, result.ConsumedTokens);
    }

    [Theory]
    [InlineData("call the CFO", DateParseError.NotADate, "call the CFO")] // no leading date: rest is everything
    [InlineData("给客户打电话", DateParseError.NotADate, "给客户打电话")] // Chinese without a date
    [InlineData("2026-11-01 recap", DateParseError.InThePast, "recap")] // a date, but in the past
    [InlineData("", DateParseError.Empty, "")] // nothing typed
    public void ParsePrefix_NoUsableDate_ReturnsErrorAndRest(string text, DateParseError expected, string expectedRest)
    {
        var result = DateExpressionParser.ParsePrefix(text, Now, Shanghai, out var rest);

        Assert.False(result.Success);
        Assert.Equal(expected, result.Error);
        Assert.Equal(expectedRest, rest);
    }

    private static string Local(DateParseResult result, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(result.Value, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
