using System.Globalization;
using OppBot.Domain.Text;

namespace OppBot.Domain.Tests.Text;

public sealed class AmountFormatterTests
{
    [Theory]
    [InlineData("1234567", "CNY", "zh-CN", "¥123.46万")] // wan with 2 decimals
    [InlineData("500000", "CNY", "zh-CN", "¥50万")] // trailing zeros trimmed
    [InlineData("10000", "CNY", "zh-CN", "¥1万")] // the wan threshold itself
    [InlineData("120000000", "CNY", "zh-CN", "¥1.2亿")] // yi from 1e8
    [InlineData("150000000", "CNY", "zh-CN", "¥1.5亿")] // yi with one decimal
    [InlineData("123456789012", "CNY", "zh-CN", "¥1234.57亿")] // large yi amounts keep 亿
    [InlineData("99999999", "CNY", "zh-CN", "¥1亿")] // rounds up into yi rather than ¥10000万
    [InlineData("9800", "CNY", "zh-CN", "¥9,800")] // below wan: grouped digits
    [InlineData("9800.5", "CNY", "zh-CN", "¥9,800.50")] // below wan with cents
    [InlineData("0", "CNY", "zh-CN", "¥0")] // zero
    [InlineData("-500000", "CNY", "zh-CN", "-¥50万")] // sign before the symbol
    [InlineData("20000", "USD", "zh-CN", "$2万")] // other currencies use wan too in Chinese
    [InlineData("500000", "CNY", "zh", "¥50万")] // neutral Chinese locale
    [InlineData("1234567", "CNY", "en", "¥1,234,567")] // English: grouped, no decimals when whole
    [InlineData("1234567", "CNY", "en-US", "¥1,234,567")] // any non-Chinese locale is English style
    [InlineData("1234.5", "USD", "en", "$1,234.50")] // two decimals when not whole
    [InlineData("1500", "EUR", "en", "€1,500")] // euro sign
    [InlineData("1000", "GBP", "en", "GBP 1,000")] // unknown symbol: code and a space
    [InlineData("1000", "cny", "en", "¥1,000")] // currency code case does not matter
    public void Format_AmountCurrencyLocale_ReturnsText(string amount, string currency, string locale, string expected)
    {
        var text = AmountFormatter.Format(decimal.Parse(amount, CultureInfo.InvariantCulture), currency, locale);

        Assert.Equal(expected, text);
    }

    [Fact]
    public void Format_ServerCultureUsesCommaDecimals_OutputStaysInvariant()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            Assert.Equal("¥1,234.50", AmountFormatter.Format(1234.5m, "CNY", "en"));
            Assert.Equal("¥123.46万", AmountFormatter.Format(1_234_567m, "CNY", "zh-CN"));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Format_RoundTripsWithParser_SameAmount()
    {
        var parsed = AmountParser.Parse(AmountFormatter.Format(500_000m, "CNY", "zh-CN"));

        Assert.Equal(500_000m, parsed.Amount);
        Assert.Equal("CNY", parsed.Currency);
    }
}
