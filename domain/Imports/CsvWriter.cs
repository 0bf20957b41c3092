using System.Text;

namespace OppBot.Domain.Imports;

/// <summary>
/// Writes RFC 4180 CSV that Excel opens correctly in Chinese: UTF-8 with a byte-order mark (without it Excel reads
/// the file in the machine's code page and Chinese turns to mojibake), CRLF between records, fields quoted only when
/// they hold a comma, a quote or a line break.
/// </summary>
public sealed class CsvWriter
{
    private readonly StringBuilder _text = new();

    /// <summary>Appends one record.</summary>
    public void WriteRow(IEnumerable<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                _text.Append(',');
            }

            first = false;
            AppendField(field ?? string.Empty);
        }

        _text.Append("\r\n");
    }

    /// <summary>The text written so far.</summary>
    public override string ToString() => _text.ToString();

    /// <summary>The text written so far as UTF-8 with a byte-order mark.</summary>
    public byte[] ToUtf8WithBom()
    {
        var preamble = Encoding.UTF8.GetPreamble();
        var bytes = new byte[preamble.Length + Encoding.UTF8.GetByteCount(_text.ToString())];
        preamble.CopyTo(bytes, 0);
        Encoding.UTF8.GetBytes(_text.ToString(), 0, _text.Length, bytes, preamble.Length);
        return bytes;
    }

    private void AppendField(string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _text.Append(field);
            return;
        }

        _text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
