namespace OppBot.Domain.Imports;

/// <summary>Which field of a record holds which <see cref="DealColumn"/>, read from a file's header row.</summary>
/// <param name="Columns">The field index of each column present.</param>
/// <param name="Multipliers">The unit multiplier of money columns (10,000 for a header such as <c>金额(万元)</c>).</param>
/// <param name="Ignored">Headers that name no column, as written; they are reported and otherwise left alone.</param>
public sealed record DealCsvHeader(
    IReadOnlyDictionary<DealColumn, int> Columns,
    IReadOnlyDictionary<DealColumn, decimal> Multipliers,
    IReadOnlyList<string> Ignored)
{
    /// <summary>Reads the header row; problems (a required column missing, a column named twice) are added to <paramref name="problems"/>.</summary>
    public static DealCsvHeader Read(CsvRecord header, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(problems);
        var columns = new Dictionary<DealColumn, int>();
        var multipliers = new Dictionary<DealColumn, decimal>();
        var ignored = new List<string>();
        for (var i = 0; i < header.Fields.Count; i++)
        {
            // A stray byte-order mark (a file saved twice with one) would otherwise hide the first header.
            var text = header.Fields[i].TrimStart('\uFEFF');
            if (text.Trim().Length == 0)
            {
                continue;
            }

            if (DealCsvColumns.Find(text) is not { } found)
            {
                ignored.Add(text.Trim());
                continue;
            }

            if (!columns.TryAdd(found.Column, i))
            {
                problems.Add(new ImportProblem(0, found.Column, new Refusal(ImportProblemCodes.DuplicateColumn, text.Trim())));
                continue;
            }

            multipliers[found.Column] = found.Multiplier;
        }

        foreach (var required in DealCsvColumns.Required.Where(c => !columns.ContainsKey(c)))
        {
            problems.Add(new ImportProblem(0, required, new Refusal(ImportProblemCodes.MissingColumn)));
        }

        return new DealCsvHeader(columns, multipliers, ignored);
    }
}
