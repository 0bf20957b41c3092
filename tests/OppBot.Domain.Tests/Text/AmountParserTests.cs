using System.Globalization;
using OppBot.Domain.Text;

namespace OppBot.Domain.Tests.Text;

public sealed class AmountParserTests
{
    [Theory]
    [InlineData("50万", "500000")] // wan multiplier, no currency
    [InlineData("1.2亿", "120000000")] // yi multiplier with a decimal
    [InlineData("3千", "3000")] // qian multiplier
    [InlineData("3百万", "3000000")] // stacked Chinese units multiply: 3 × 百 × 万
    [InlineData("1.5千万", "15000000")] // 千万 = ten million
    [InlineData("500k", "500000")] // Latin thousand suffix
    [InlineData("500K", "500000")] // suffixes are case-insensitive
    [InlineData("3k", "3000")] // small thousands
    [InlineData("1.2m", "1200000")] // million suffix
    [InlineData("1.2M", "1200000")] // upper-case million
    [InlineData("1.2mn", "1200000")] // "mn" as in finance reports
    [InlineData("2.5mm", "2500000")] // "mm" as bankers write a million
    [InlineData("1.5 million", "1500000")] // spelled-out multiplier
    [InlineData("50w", "500000")] // "w" for 万 on a Latin keyboard
    [InlineData("500000", "500000")] // plain digits
    [InlineData("1,234.56", "1234.56")] // thousands separators with cents
    [InlineData("1,000,000", "1000000")] // several groups
    [InlineData("0", "0")] // zero is a valid amount (a lost deal)
    [InlineData("+500", "500")] // explicit plus sign
    [InlineData("  500k  ", "500000")] // surrounding spaces
    [InlineData("1.005", "1.01")] // rounded to 2 decimals, midpoint away from zero
    [InlineData("1234.5678", "1234.57")] // rounded to 2 decimals
    [InlineData("1000000000000", "1000000000000")] // exactly the one-trillion limit is accepted
    public void Parse_AmountWithoutCurrency_ReturnsAmount(string text, string expected)
    {
        var result = AmountParser.Parse(text);

        Assert.True(result.Success, text);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), result.Amount);
        Assert.Null(result.Currency);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData("五十万", "500000")] // Chinese numerals with 万
    [InlineData("一百二十万", "1200000")] // hundreds and tens before 万
    [InlineData("三千五百", "3500")] // thousands and hundreds
    [InlineData("两千", "2000")] // 两 is 2 before a unit
    [InlineData("十万", "100000")] // 十 may stand without a count
    [InlineData("一千零五", "1005")] // 零 marks a skipped place
    [InlineData("一万五", "15000")] // colloquial: the trailing digit is the next place down
    [InlineData("三千五", "3500")] // colloquial thousands
    [InlineData("一亿二千万", "120000000")] // 亿 and 万 sections
    [InlineData("5万3千", "53000")] // digits mixed with Chinese units
    [InlineData("５０万", "500000")] // full-width digits from a Chinese IME
    [InlineData("１，２３４．５", "1234.5")] // full-width comma and point
    public void Parse_ChineseForms_ReturnsAmount(string text, string expected)
    {
        var result = AmountParser.Parse(text);

        Assert.True(result.Success, text);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), result.Amount);
    }

    [Theory]
    [InlineData("¥500,000", "500000", "CNY")] // yen/yuan sign U+00A5
    [InlineData("￥500,000", "500000", "CNY")] // full-width yuan sign U+FFE5 from a Chinese IME
    [InlineData("500,000元", "500000", "CNY")] // yuan suffix
    [InlineData("50 万元", "500000", "CNY")] // space between number and 万元
    [InlineData("50万人民币", "500000", "CNY")] // 人民币 suffix
    [InlineData("RMB 500000", "500000", "CNY")] // RMB code before the number
    [InlineData("rmb500000", "500000", "CNY")] // code glued and lower-case
    [InlineData("CNY 1.5m", "1500000", "CNY")] // ISO code with a Latin multiplier
    [InlineData("500 CNY", "500", "CNY")] // ISO code after the number
    [InlineData("3万块", "30000", "CNY")] // colloquial 块
    [InlineData("$20k", "20000", "USD")] // dollar sign means USD
    [InlineData("US$20,000", "20000", "USD")] // explicit US dollar
    [InlineData("USD 20000", "20000", "USD")] // ISO code
    [InlineData("100美元", "100", "USD")] // Chinese word for US dollars
    [InlineData("€1.5k", "1500", "EUR")] // euro sign
    [InlineData("500欧元", "500", "EUR")] // Chinese word for euros
    [InlineData("＄２０ｋ", "20000", "USD")] // full-width dollar sign and letters
    public void Parse_AmountWithCurrency_ReturnsIsoCode(string text, string expected, string currency)
    {
        var result = AmountParser.Parse(text);

        Assert.True(result.Success, text);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), result.Amount);
        Assert.Equal(currency, result.Currency);
    }

    [Theory]
    [InlineData("", AmountParseError.Empty)] // nothing typed
    [InlineData("   ", AmountParseError.Empty)] // only spaces
    [InlineData("abc", AmountParseError.NotANumber)] // words
    [InlineData("1..2", AmountParseError.NotANumber)] // two decimal points
    [InlineData("万", AmountParseError.NotANumber)] // a unit without a count
    [InlineData("k", AmountParseError.NotANumber)] // a Latin unit without a count
    [InlineData("¥", AmountParseError.NotANumber)] // a currency without a number
    [InlineData("1,23", AmountParseError.NotANumber)] // thousands separator in the wrong place
    [InlineData("五五", AmountParseError.NotANumber)] // digits without a unit between them
    [InlineData("$500元", AmountParseError.NotANumber)] // two different currencies
    [InlineData("50%", AmountParseError.NotANumber)] // a percentage is not an amount
    [InlineData("#42", AmountParseError.NotANumber)] // an opportunity reference
    [InlineData("3d", AmountParseError.NotANumber)] // a duration
    [InlineData("1e6", AmountParseError.NotANumber)] // scientific notation is not how reps type
    [InlineData("-500", AmountParseError.Negative)] // negative amount
    [InlineData("-5万", AmountParseError.Negative)] // negative with a multiplier
    [InlineData("¥-500", AmountParseError.Negative)] // sign after the currency
    [InlineData("1.1万亿", AmountParseError.TooLarge)] // above one trillion
    [InlineData("2000000000000", AmountParseError.TooLarge)] // two trillion
    [InlineData("9999999999999999999999999", AmountParseError.TooLarge)] // would overflow decimal arithmetic
    public void Parse_InvalidInput_ReturnsError(string text, AmountParseError expected)
    {
        var result = AmountParser.Parse(text);

        Assert.False(result.Success);
        Assert.Equal(expected, result.Error);
        Assert.Equal(0m, result.Amount);
    }

    [Theory]
    [InlineData("1.2m", "1200000")] // multiplier leaves no ".0"
    [InlineData("0.5万", "5000")] // decimal times unit
    [InlineData("1,234.50", "1234.5")] // trailing zero dropped
    public void Parse_Amount_HasNoTrailingZerosInText(string text, string expected)
    {
        Assert.Equal(expected, AmountParser.Parse(text).Amount.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TryParse_ValidAmount_ReturnsTrueWithResult()
    {
        var ok = AmountParser.TryParse("50万", out var result);

        Assert.True(ok);
        Assert.Equal(500_000m, result.Amount);
    }

    [Fact]
    public void TryParse_Garbage_ReturnsFalseWithReason()
    {
        var ok = AmountParser.TryParse("abc", out var result);

        Assert.False(ok);
        Assert.Equal(AmountParseError.NotANumber, result.Error);
    }

    [Theory]
    [InlineData("50万", true)] // Chinese amount
    [InlineData("$20k", true)] // dollar amount
    [InlineData("500000", true)] // bare number
    [InlineData("#42", false)] // opportunity reference
    [InlineData("3d", false)] // a duration for the date parser
    [InlineData("明天", false)] // a date word
    [InlineData("tomorrow", false)] // an English date word
    [InlineData("-500", false)] // negative amounts are not candidates
    [InlineData("", false)] // empty token
    public void LooksLikeAmount_Token_ReturnsWhetherItParses(string token, bool expected)
    {
        Assert.Equal(expected, AmountParser.LooksLikeAmount(token));
    }
}
