using System.Text;
using OppBot.Domain.Imports;

namespace OppBot.Domain.Tests.Imports;

public sealed class CsvDecoderTests
{
    private const string Sample = "客户名称,金额\r\n华为技术有限公司,50万\r\n";

    static CsvDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static byte[] Gbk(string text) => Encoding.GetEncoding("GB18030").GetBytes(text);

    [Fact]
    public void Decode_Utf8WithBom_IsUtf8WithoutTheBom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Sample)).ToArray();

        Assert.Equal(new CsvDecodeResult.Decoded(Sample, CsvDecoder.Utf8), CsvDecoder.Decode(bytes));
    }

    [Fact]
    public void Decode_Utf8WithoutBom_IsUtf8()
    {
        Assert.Equal(new CsvDecodeResult.Decoded(Sample, CsvDecoder.Utf8), CsvDecoder.Decode(Encoding.UTF8.GetBytes(Sample)));
    }

    [Fact]
    public void Decode_GbkAsChineseExcelWritesIt_IsGb18030()
    {
        Assert.Equal(new CsvDecodeResult.Decoded(Sample, CsvDecoder.Gb18030), CsvDecoder.Decode(Gbk(Sample)));
    }

    [Fact]
    public void Decode_AsciiOnly_IsUtf8()
    {
        Assert.Equal(new CsvDecodeResult.Decoded("company,amount\n", CsvDecoder.Utf8), CsvDecoder.Decode("company,amount\n"u8));
    }

    [Fact]
    public void Decode_BytesValidInNeither_ReportsTheLineOfTheFirstBadByte()
    {
        // 0xFF is never valid in UTF-8 nor in GB18030; it sits on line 3.
        var bytes = Gbk("客户名称,金额\r\n华为,50万\r\n").Concat(new byte[] { 0x41, 0xFF, 0x42, 0x0D, 0x0A }).ToArray();

        Assert.Equal(new CsvDecodeResult.BadEncoding(3), CsvDecoder.Decode(bytes));
    }

    [Fact]
    public void Decode_BomThenInvalidUtf8_IsBadEncodingNotGbk()
    {
        // The BOM says UTF-8; falling back to GBK would turn the file into something it never was.
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Gbk("华为")).ToArray();

        Assert.IsType<CsvDecodeResult.BadEncoding>(CsvDecoder.Decode(bytes));
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 })] // .xlsx is a zip
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1 })] // .xls is an OLE compound file
    public void Decode_ExcelWorkbook_IsRecognised(byte[] bytes)
    {
        Assert.IsType<CsvDecodeResult.Workbook>(CsvDecoder.Decode(bytes));
    }

    [Fact]
    public void Decode_Utf16WithBom_IsBadEncoding()
    {
        // Excel's "Unicode text" is UTF-16: not one of the encodings read, and said so instead of importing garbage.
        Assert.IsType<CsvDecodeResult.BadEncoding>(CsvDecoder.Decode(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Sample)).ToArray()));
    }
}
