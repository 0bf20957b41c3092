namespace OppBot.Domain.Imports;

/// <summary>
/// Port: keeps <see cref="TemporaryFile"/>s behind unguessable tokens until they expire. Implemented on the database
/// (so a link made by one instance is served by any) and in memory for tests. Writes at once, outside the turn's unit
/// of work: a file whose turn then fails is simply never asked for and expires.
/// </summary>
public interface ITemporaryFileStore
{
    /// <summary>Stores <paramref name="file"/> and returns the token that reads it (a URL-safe random string).</summary>
    Task<string> PutAsync(TemporaryFile file, CancellationToken cancellationToken);

    /// <summary>The file behind <paramref name="token"/>, or null when there is none or it expired before <paramref name="now"/>.</summary>
    Task<TemporaryFile?> GetAsync(string token, DateTimeOffset now, CancellationToken cancellationToken);
}
