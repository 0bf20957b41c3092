using OppBot.Domain.Conversations;

namespace OppBot.Domain.Imports;

/// <summary>
/// Port: reads the bytes of a file attached to a chat message. Implemented in the host over HTTP (a typed HttpClient)
/// and by a fake in tests.
/// </summary>
public interface IFileFetcher
{
    /// <summary>Reads <paramref name="file"/>, refusing to read more than <paramref name="maxBytes"/>.</summary>
    Task<FileFetchResult> FetchAsync(IncomingFile file, long maxBytes, CancellationToken cancellationToken);
}

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
