using Microsoft.Extensions.Options;
using OppBot.Domain.Conversations;
using OppBot.Domain.Imports;

namespace OppBot.Bot.Csv;

/// <summary>
/// <see cref="IFileFetcher"/> over HTTP (a typed client): GETs an attachment's download URL, which Teams pre-authorises,
/// reading at most the import limit. Only URLs on <see cref="CsvOptions.DownloadHosts"/> are fetched, over HTTPS (plain
/// HTTP only to a listed loopback host), so a crafted attachment cannot make OppBot call into its own network.
/// </summary>
public sealed class HttpFileFetcher(HttpClient http, IOptions<CsvOptions> options) : IFileFetcher
{
    /// <inheritdoc/>
    public async Task<FileFetchResult> FetchAsync(IncomingFile file, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!Uri.TryCreate(file.DownloadUrl, UriKind.Absolute, out var url) || !Allowed(url, options.Value.DownloadHosts is { Count: > 0 } hosts ? hosts : CsvOptions.DefaultDownloadHosts))
        {
            return new FileFetchResult.Failed("download URL not allowed");
        }

        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new FileFetchResult.Failed($"HTTP {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return new FileFetchResult.TooLarge();
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var content = await ReadAtMostAsync(body, maxBytes, cancellationToken);
            return content is null ? new FileFetchResult.TooLarge() : new FileFetchResult.Fetched(content);
        }
        catch (HttpRequestException ex)
        {
            return new FileFetchResult.Failed(ex.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FileFetchResult.Failed("timed out");
        }
    }

    /// <summary>The bytes of <paramref name="stream"/>, or null when there are more than <paramref name="maxBytes"/>.</summary>
    internal static async Task<byte[]?> ReadAtMostAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>A listed host, over HTTPS (plain HTTP only to a listed loopback host, for local tests).</summary>
    internal static bool Allowed(Uri url, IEnumerable<string> hosts)
    {
        var host = url.IdnHost;
        var listed = hosts.Any(h => h.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(h[1..], StringComparison.OrdinalIgnoreCase)
            : host.Equals(h, StringComparison.OrdinalIgnoreCase));
        return listed && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
    }
}
