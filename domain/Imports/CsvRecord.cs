namespace OppBot.Domain.Imports;

/// <summary>One record of a CSV file: what a spreadsheet shows as one row.</summary>
/// <param name="Line">The physical line (1-based) the record starts on; differs from the row when a field spans lines.</param>
/// <param name="Fields">The fields, unquoted.</param>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields)
{
    /// <summary>True when every field is empty (a blank line, or a row of commas left by a spreadsheet).</summary>
    public bool IsBlank => Fields.All(f => f.Length == 0);
}
