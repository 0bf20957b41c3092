using OppBot.Domain.Conversations;

namespace OppBot.Domain.Imports;

/// <summary>Import problems and duplicates as sentences in the user's language, for chat replies and the API alike.</summary>
public static class ImportMessages
{
    /// <summary>"第 3 行「金额」：「abc」不是有效金额" / "Row 3, Amount: "abc" is not an amount".</summary>
    public static string Problem(string locale, ImportProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var text = Messages.Refusal(locale, problem.Problem);
        return (problem.Row, problem.Column) switch
        {
            (0, null) => text,
            (0, { } column) => Strings.Get(locale, "csv.problem.column", DealCsvColumns.Header(column, locale), text),
            (var row, null) => Strings.Get(locale, "csv.problem.row", row, text),
            (var row, { } column) => Strings.Get(locale, "csv.problem.cell", row, DealCsvColumns.Header(column, locale), text),
        };
    }

    /// <summary>"第 4 行：疑似与 #42 华为 · ERP升级 重复（公司名称相同）".</summary>
    public static string Duplicate(string locale, ImportDuplicate duplicate)
    {
        ArgumentNullException.ThrowIfNull(duplicate);
        var reason = Strings.Get(locale, "csv.duplicate." + duplicate.Reason);
        return duplicate.ExistingNumber is { } number
            ? Strings.Get(locale, "csv.duplicate.existing", duplicate.Row, number, duplicate.ExistingLabel, reason)
            : Strings.Get(locale, "csv.duplicate.inFile", duplicate.Row, duplicate.SameAsRow, reason);
    }
}
