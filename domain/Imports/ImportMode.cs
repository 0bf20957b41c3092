namespace OppBot.Domain.Imports;

/// <summary>Whether an import only checks the file or also creates the deals.</summary>
public enum ImportMode
{
    /// <summary>Reads and checks every row, reports every problem, changes nothing (reserves no deal numbers either).</summary>
    DryRun,

    /// <summary>Checks as a dry run does; creates every deal only when nothing is wrong, else creates none.</summary>
    Import,
}
