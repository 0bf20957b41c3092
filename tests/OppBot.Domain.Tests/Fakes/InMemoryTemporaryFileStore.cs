using OppBot.Domain.Imports;

namespace OppBot.Domain.Tests.Fakes;

/// <summary><see cref="ITemporaryFileStore"/> in memory: tokens are counters ("file-1"), files expire as in the real one.</summary>
public sealed class InMemoryTemporaryFileStore : ITemporaryFileStore
{
    private readonly Dictionary<string, TemporaryFile> _files = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Every file stored, by token.</summary>
    public IReadOnlyDictionary<string, TemporaryFile> Files
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, TemporaryFile>(_files, StringComparer.Ordinal);
            }
        }
    }

    /// <inheritdoc/>
    public Task<string> PutAsync(TemporaryFile file, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var token = "file-" + (_files.Count + 1);
            _files[token] = file;
            return Task.FromResult(token);
        }
    }

    /// <inheritdoc/>
    public Task<TemporaryFile?> GetAsync(string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_files.TryGetValue(token, out var file) && file.ExpiresAt > now ? file : null);
        }
    }
}
