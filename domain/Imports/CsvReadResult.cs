namespace OppBot.Domain.Imports;

/// <summary>What <see cref="CsvReader.Read"/> made of a text.</summary>
public abstract record CsvReadResult
{
    private CsvReadResult()
    {
    }

    /// <summary>The records, in file order (the header first).</summary>
    public sealed record Read(IReadOnlyList<CsvRecord> Records) : CsvReadResult;

    /// <summary>A quoted field that starts on <paramref name="Line"/> is never closed.</summary>
    public sealed record UnclosedQuote(int Line) : CsvReadResult;

    /// <summary>The text has more than <paramref name="Limit"/> records; reading stopped there.</summary>
    public sealed record TooManyRecords(int Limit) : CsvReadResult;
}
