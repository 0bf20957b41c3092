using OppBot.Domain.Conversations;
using OppBot.Domain.Imports;

namespace OppBot.Domain.Tests.Fakes;

/// <summary><see cref="IFileFetcher"/> that serves files the test put under a URL, and counts what was asked.</summary>
public sealed class FakeFileFetcher : IFileFetcher
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>URLs fetched, in order.</summary>
    public List<string> Fetched { get; } = [];

    /// <summary>Serves <paramref name="content"/> at <paramref name="url"/>; returns the attachment pointing there.</summary>
    public IncomingFile Serve(string url, byte[] content, string name = "deals.csv")
    {
        _files[url] = content;
        return new IncomingFile(name, "text/csv", url);
    }

    /// <inheritdoc/>
    public Task<FileFetchResult> FetchAsync(IncomingFile file, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        Fetched.Add(file.DownloadUrl);
        FileFetchResult result = !_files.TryGetValue(file.DownloadUrl, out var content) ? new FileFetchResult.Failed("HTTP 404")
            : content.Length > maxBytes ? new FileFetchResult.TooLarge()
            : new FileFetchResult.Fetched(content);
        return Task.FromResult(result);
    }
}
