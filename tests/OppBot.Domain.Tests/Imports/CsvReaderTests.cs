using OppBot.Domain.Imports;

namespace OppBot.Domain.Tests.Imports;

public sealed class CsvReaderTests
{
    private static IReadOnlyList<CsvRecord> Records(string text, int max = 100) =>
        Assert.IsType<CsvReadResult.Read>(CsvReader.Read(text, max)).Records;

    [Theory]
    [InlineData("a,b\r\nc,d\r\n")] // RFC 4180: CRLF
    [InlineData("a,b\nc,d\n")] // Unix line ends
    [InlineData("a,b\rc,d")] // old Mac line ends, no final break
    [InlineData("a,b\r\nc,d")] // no break after the last record
    public void Read_LineEnds_TwoRecordsOfTwoFields(string text)
    {
        var records = Records(text);

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b"], records[0].Fields);
        Assert.Equal(["c", "d"], records[1].Fields);
    }

    [Fact]
    public void Read_QuotedFieldWithCommaQuoteAndLineBreak_KeepsThemAsText()
    {
        var records = Records("客户,备注\r\n\"华为, 深圳\",\"他说\"\"好\"\"\r\n下周再谈\"\r\n");

        Assert.Equal(["华为, 深圳", "他说\"好\"\n下周再谈"], records[1].Fields);
    }

    [Fact]
    public void Read_FieldSpanningLines_RecordRemembersTheLineItStartsOn()
    {
        var records = Records("h\r\n\"one\r\ntwo\"\r\nnext\r\n");

        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
    }

    [Theory]
    [InlineData("a,,c", new[] { "a", "", "c" })] // empty field in the middle
    [InlineData("a,", new[] { "a", "" })] // trailing empty field
    [InlineData("\"\"", new[] { "" })] // an empty quoted field is a record
    [InlineData("ab\"c", new[] { "ab\"c" })] // a quote inside an unquoted field is text (as Excel reads it)
    [InlineData("\"ab\"c", new[] { "abc" })] // text after the closing quote is kept, not dropped
    public void Read_EdgeFields_AsSpreadsheetsReadThem(string text, string[] fields)
    {
        Assert.Equal(fields, Records(text).Single().Fields);
    }

    [Fact]
    public void Read_EmptyText_NoRecords()
    {
        Assert.Empty(Records(string.Empty));
    }

    [Fact]
    public void Read_UnclosedQuote_ReportsTheLineItOpenedOn()
    {
        var result = CsvReader.Read("客户,金额\r\n华为,50万\r\n\"小米,30万\r\n腾讯,20万\r\n", 100);

        Assert.Equal(new CsvReadResult.UnclosedQuote(3), result);
    }

    [Fact]
    public void Read_MoreRecordsThanTheLimit_StopsWithTooMany()
    {
        var result = CsvReader.Read("h\n1\n2\n3\n", 3);

        Assert.Equal(new CsvReadResult.TooManyRecords(3), result);
    }

    [Fact]
    public void Read_ExactlyTheLimit_IsRead()
    {
        Assert.Equal(3, Records("h\n1\n2\n", 3).Count);
    }

    [Theory]
    [InlineData(",,,")] // a spreadsheet's empty row
    [InlineData("")] // an empty line
    public void IsBlank_RowWithoutValues_IsBlank(string line)
    {
        Assert.True(Records("h\n" + line + "\nx\n")[1].IsBlank);
    }
}
