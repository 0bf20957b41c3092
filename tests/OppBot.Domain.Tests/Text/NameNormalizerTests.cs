using OppBot.Domain.Text;

namespace OppBot.Domain.Tests.Text;

public sealed class NameNormalizerTests
{
    [Theory]
    [InlineData("华为技术有限公司", "华为技术")] // 有限公司 is a legal form; 技术 is part of the name
    [InlineData("华为技术（深圳）有限公司", "华为技术")] // full-width bracketed city qualifier
    [InlineData("华为技术(深圳)有限公司", "华为技术")] // half-width brackets
    [InlineData("阿里巴巴（中国）有限公司", "阿里巴巴")] // (中国) region marker
    [InlineData("（中国）国际金融股份有限公司", "国际金融")] // leading region marker
    [InlineData("北京字节跳动科技有限公司", "北京字节跳动科技")] // 科技 is kept: it is part of the name
    [InlineData("腾讯控股有限公司", "腾讯")] // 控股 stripped after 有限公司, repeatedly
    [InlineData("万达集团股份有限公司", "万达")] // 股份有限公司 then 集团
    [InlineData("中国平安保险（集团）股份有限公司", "中国平安保险")] // bracketed (集团) and 股份有限公司
    [InlineData("上海电气集团", "上海电气")] // 集团 alone
    [InlineData("华为技术有限责任公司", "华为技术")] // 有限责任公司
    [InlineData("“华为”技术有限公司", "华为技术")] // Chinese quotation marks
    [InlineData("华为 技术·有限公司", "华为技术")] // spaces and middle dot
    [InlineData("《新华》集团", "新华")] // title brackets
    [InlineData("Acme Co., Ltd.", "acme")] // the usual English legal form of a Chinese company
    [InlineData("ACME Inc", "acme")] // upper case, no dot
    [InlineData("Ａｃｍｅ　Ｉｎｃ．", "acme")] // full-width letters, ideographic space, full-width dot
    [InlineData("Acme Company Limited", "acme")] // company limited
    [InlineData("Acme Group Co., Ltd.", "acme")] // group before co ltd
    [InlineData("Acme (China) Co., Ltd.", "acme")] // (China) region marker
    [InlineData("Acme Ltd (China)", "acme")] // trailing (China) region marker
    [InlineData("Acme LLC", "acme")] // LLC
    [InlineData("IBM Corporation", "ibm")] // corporation
    [InlineData("ACME Corp.", "acme")] // corp with a dot
    [InlineData("Siemens GmbH", "siemens")] // German legal form
    [InlineData("HSBC Holdings plc", "hsbc")] // holdings and plc, repeatedly
    [InlineData("Tencent Holdings Limited", "tencent")] // holdings limited
    [InlineData("Zinc Inc", "zinc")] // whole words only: "zinc" keeps its "inc"
    [InlineData("Unlimited Ltd", "unlimited")] // whole words only: "unlimited" keeps "limited"
    [InlineData("AT&T Inc.", "att")] // symbols removed
    [InlineData("有限公司", "有限公司")] // nothing left: the folded input is returned
    [InlineData("Ltd.", "ltd.")] // nothing left: folded lower-case input
    public void NormalizeCompany_Name_ReturnsKey(string name, string expected)
    {
        Assert.Equal(expected, NameNormalizer.NormalizeCompany(name));
    }

    [Theory]
    [InlineData("138 0013 8000", "13800138000")] // spaces removed
    [InlineData("+86 138-0013-8000", "13800138000")] // +86 country code stripped from a mobile
    [InlineData("0086 13800138000", "13800138000")] // 0086 international prefix
    [InlineData("8613800138000", "13800138000")] // 86 glued to a mobile: 13 digits starting 861
    [InlineData("１３８００１３８０００", "13800138000")] // full-width digits
    [InlineData("(010) 1234-5678", "01012345678")] // landline kept as digits
    [InlineData("+86 10 1234 5678", "01012345678")] // international landline gets its trunk 0 back
    [InlineData("+1 (415) 555-0100", "14155550100")] // foreign number kept as digits
    [InlineData("", "")] // nothing typed
    public void NormalizePhone_Number_ReturnsDigits(string phone, string expected)
    {
        Assert.Equal(expected, NameNormalizer.NormalizePhone(phone));
    }

    [Theory]
    [InlineData("zhang.san@Huawei.COM", "huawei.com")] // domain lower-cased
    [InlineData(" li@acme.com.cn ", "acme.com.cn")] // surrounding spaces, second-level domain
    [InlineData("Zhang San <zhang@acme.com>", "acme.com")] // pasted with a display name
    [InlineData("mailto:a@acme.com", "acme.com")] // mailto link
    [InlineData("ｚｈａｎｇ＠ａｃｍｅ．ｃｏｍ", "acme.com")] // full-width address
    [InlineData("user@qq.com", null)] // free mail: QQ
    [InlineData("user@163.com", null)] // free mail: NetEase 163
    [InlineData("user@126.com", null)] // free mail: NetEase 126
    [InlineData("user@gmail.com", null)] // free mail: Gmail
    [InlineData("user@outlook.com", null)] // free mail: Outlook
    [InlineData("user@hotmail.com", null)] // free mail: Hotmail
    [InlineData("user@yahoo.com", null)] // free mail: Yahoo
    [InlineData("user@sina.com", null)] // free mail: Sina
    [InlineData("user@foxmail.com", null)] // free mail: Foxmail
    [InlineData("not-an-email", null)] // no @
    [InlineData("@acme.com", null)] // no local part
    [InlineData("a@b@acme.com", null)] // two @
    [InlineData("a@localhost", null)] // no dot in the domain
    [InlineData("a@acme..com", null)] // empty label
    [InlineData("", null)] // empty
    [InlineData(null, null)] // missing
    public void EmailDomain_Address_ReturnsCompanyDomainOrNull(string? email, string? expected)
    {
        Assert.Equal(expected, NameNormalizer.EmailDomain(email));
    }

    [Theory]
    [InlineData("ＡＢＣ１２３", "ABC123")] // full-width letters and digits
    [InlineData("ａ　ｂ", "a b")] // ideographic space
    [InlineData("（＃４２）", "(#42)")] // full-width punctuation
    [InlineData("中文，", "中文,")] // CJK text unchanged, full-width comma folded
    [InlineData("￥", "￥")] // U+FFE5 lies outside FF01–FF5E and is left alone
    public void FoldWidth_Text_ReturnsHalfWidth(string text, string expected)
    {
        Assert.Equal(expected, NameNormalizer.FoldWidth(text));
    }

    [Theory]
    [InlineData("  Next   #42\tTomorrow  ", "next #42 tomorrow")] // trimmed, runs collapsed, lower-cased
    [InlineData("ＮＥＸＴ　＃４２", "next #42")] // full-width command
    [InlineData("下一步  #42  明天", "下一步 #42 明天")] // Chinese text keeps its characters
    [InlineData("", "")] // empty stays empty
    public void NormalizeCommandText_Text_ReturnsCanonicalForm(string text, string expected)
    {
        Assert.Equal(expected, NameNormalizer.NormalizeCommandText(text));
    }
}
