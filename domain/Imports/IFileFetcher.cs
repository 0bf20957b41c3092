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
