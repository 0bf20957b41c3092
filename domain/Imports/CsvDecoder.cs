using System.Text;

namespace OppBot.Domain.Imports;

/// <summary>
/// Turns the bytes of an uploaded CSV into text. Chinese Excel saves "CSV" in GBK (GB18030 is its superset) and
/// "CSV UTF-8" with a byte-order mark; other tools write UTF-8 without one. The rule: a UTF-8 BOM means UTF-8; else
/// bytes that are valid UTF-8 are UTF-8 (GBK text with Chinese in it practically never is); else GB18030. Bytes valid
/// in neither are reported with the line of the first bad byte, never replaced by U+FFFD: a name silently turned
/// into question marks would be imported as a different customer.
/// </summary>
public static class CsvDecoder
{
    /// <summary>The name reported for UTF-8.</summary>
    public const string Utf8 = "UTF-8";

    /// <summary>The name reported for GBK/GB18030.</summary>
    public const string Gb18030 = "GB18030";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The code-pages provider ships with .NET (System.Text.Encoding.CodePages is part of the shared framework); asking
    // it directly needs no process-wide Encoding.RegisterProvider call.
    private static readonly Encoding StrictGb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
        ?? throw new InvalidOperationException("GB18030 (code page 54936) is not available.");

    /// <summary>Decodes <paramref name="bytes"/> as described on the class.</summary>
    public static CsvDecodeResult Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("PK\u0003\u0004"u8) || bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return new CsvDecodeResult.Workbook(); // a zip (.xlsx) or an OLE compound file (.xls)
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return TryDecode(StrictUtf8, bytes[3..], Utf8);
        }

        return System.Text.Unicode.Utf8.IsValid(bytes)
            ? new CsvDecodeResult.Decoded(StrictUtf8.GetString(bytes), Utf8)
            : TryDecode(StrictGb18030, bytes, Gb18030);
    }

    private static CsvDecodeResult TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes, string name)
    {
        try
        {
            return new CsvDecodeResult.Decoded(encoding.GetString(bytes), name);
        }
        catch (DecoderFallbackException ex)
        {
            // Index is the first byte of the sequence that could not be read, relative to the span passed in.
            return new CsvDecodeResult.BadEncoding(LineOf(bytes, Math.Clamp(ex.Index, 0, bytes.Length)));
        }
    }

    // In UTF-8 and GB18030 the byte 0x0A is only ever a line feed (it is never part of a multi-byte character).
    private static int LineOf(ReadOnlySpan<byte> bytes, int index) => bytes[..index].Count((byte)'\n') + 1;
}
