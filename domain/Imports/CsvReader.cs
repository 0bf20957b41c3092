using System.Text;

namespace OppBot.Domain.Imports;

/// <summary>
/// Reads comma-separated values as RFC 4180 describes them and spreadsheets write them: fields in double quotes may
/// hold commas, line breaks and doubled quotes (<c>""</c>); records end with CRLF, LF or a lone CR; the last line may
/// or may not end with a break. Lenient where Excel is (a quote inside an unquoted field, or text right after a closing
/// quote, is kept as text); strict only where the data would otherwise be silently wrong: a quote that is never
/// closed swallows the rest of the file, so it is reported with the line it opened on.
/// </summary>
public static class CsvReader
{
    /// <summary>
    /// Reads <paramref name="text"/> into records. Stops as soon as there are more than <paramref name="maxRecords"/>,
    /// so an oversized file is refused after reading only what the limit allows.
    /// </summary>
    public static CsvReadResult Read(string text, int maxRecords)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quotedFrom = 0; // the line an open quoted field started on; 0 when not inside quotes
        var fieldStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quotedFrom > 0)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quotedFrom = 0;
                    i++;
                    continue;
                }

                if (c == '\r' || c == '\n')
                {
                    // A break inside quotes is part of the field; CRLF is kept as one "\n" as a spreadsheet shows it.
                    field.Append('\n');
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    continue;
                }

                field.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when fieldStart:
                    quotedFrom = line;
                    fieldStart = false;
                    i++;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStart = true;
                    i++;
                    break;
                case '\r' or '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add(new CsvRecord(recordLine, fields.ToArray()));
                    fields.Clear();
                    if (records.Count > maxRecords)
                    {
                        return new CsvReadResult.TooManyRecords(maxRecords);
                    }

                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    recordLine = line;
                    fieldStart = true;
                    break;
                default:
                    field.Append(c);
                    fieldStart = false;
                    i++;
                    break;
            }
        }

        if (quotedFrom > 0)
        {
            return new CsvReadResult.UnclosedQuote(quotedFrom);
        }

        // The last record, unless the text ended with a line break (or was empty).
        if (field.Length > 0 || fields.Count > 0 || !fieldStart)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(recordLine, fields.ToArray()));
            if (records.Count > maxRecords)
            {
                return new CsvReadResult.TooManyRecords(maxRecords);
            }
        }

        return new CsvReadResult.Read(records);
    }
}
