using OppBot.Domain.Opportunities;

namespace OppBot.Domain.Imports;

/// <summary>What an import found, and what it created.</summary>
public sealed record ImportReport
{
    /// <summary>How the file was run.</summary>
    public required ImportMode Mode { get; init; }

    /// <summary>The encoding the file was read in, once known (UTF-8 or GB18030).</summary>
    public string? Encoding { get; init; }

    /// <summary>Deal rows read (blank rows not counted).</summary>
    public int Rows { get; init; }

    /// <summary>Every problem, file-wide first, then by row and column. Any problem means nothing is created.</summary>
    public IReadOnlyList<ImportProblem> Problems { get; init; } = [];

    /// <summary>Rows that look like customers someone already works on, by row.</summary>
    public IReadOnlyList<ImportDuplicate> Duplicates { get; init; } = [];

    /// <summary>True when the importer said to create duplicates anyway (as "create anyway" in chat).</summary>
    public bool DuplicatesAllowed { get; init; }

    /// <summary>Headers that name no known column; their cells are not imported.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];

    /// <summary>The deals created, in row order; empty for a dry run or when anything was wrong.</summary>
    public IReadOnlyList<Opportunity> Created { get; init; } = [];

    /// <summary>Whether the file can be imported as it is: no problems, and no duplicates unless they are allowed.</summary>
    public bool CanImport => Problems.Count == 0 && Rows > 0 && (Duplicates.Count == 0 || DuplicatesAllowed);
}
