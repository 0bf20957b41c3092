namespace OppBot.Domain.Imports;

/// <summary>One thing wrong with an import file.</summary>
/// <param name="Row">
/// The spreadsheet row (the header is row 1, the first deal row 2), or 0 for the file as a whole. Rows count records,
/// so a cell with a line break in it does not shift the numbers Excel shows.
/// </param>
/// <param name="Column">The column, when the problem is in one.</param>
/// <param name="Problem">What is wrong: one of <see cref="ImportProblemCodes"/> or a domain <see cref="RefusalCode"/>.</param>
public sealed record ImportProblem(int Row, DealColumn? Column, Refusal Problem);
