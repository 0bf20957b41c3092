namespace OppBot.Domain.Imports;

/// <summary>What <see cref="CsvDecoder.Decode"/> made of a file's bytes.</summary>
public abstract record CsvDecodeResult
{
    private CsvDecodeResult()
    {
    }

    /// <summary>The text, and the encoding it was read with (<see cref="CsvDecoder.Utf8"/> or <see cref="CsvDecoder.Gb18030"/>).</summary>
    public sealed record Decoded(string Text, string Encoding) : CsvDecodeResult;

    /// <summary>The bytes are neither UTF-8 nor GB18030; the first unreadable byte is on <paramref name="Line"/>.</summary>
    public sealed record BadEncoding(int Line) : CsvDecodeResult;

    /// <summary>The file is an Excel workbook (.xlsx or .xls), not CSV.</summary>
    public sealed record Workbook : CsvDecodeResult;
}
