namespace OppBot.Domain.Imports;

/// <summary>What <see cref="IFileFetcher.FetchAsync"/> got.</summary>
public abstract record FileFetchResult
{
    private FileFetchResult()
    {
    }

    /// <summary>The bytes.</summary>
    public sealed record Fetched(byte[] Content) : FileFetchResult;

    /// <summary>The file is larger than the limit; reading stopped there.</summary>
    public sealed record TooLarge : FileFetchResult;

    /// <summary>The file could not be read (gone, expired link, host not allowed, network): a reason for the log.</summary>
    public sealed record Failed(string Reason) : FileFetchResult;
}
