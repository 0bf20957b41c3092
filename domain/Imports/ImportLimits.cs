namespace OppBot.Domain.Imports;

/// <summary>How much one import may hold. Checked before any row is looked at, so an oversized file is refused fast.</summary>
public sealed record ImportLimits
{
    /// <summary>The largest file accepted, in bytes. Defaults to 10 MB.</summary>
    public long MaxFileBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>The most deal rows (the header not counted). Defaults to 50,000.</summary>
    public int MaxRows { get; init; } = 50_000;

    /// <summary>The defaults.</summary>
    public static ImportLimits Default { get; } = new();
}
