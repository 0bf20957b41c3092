using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OppBot.Adapters.Persistence.Mapping;
using OppBot.Domain.Imports;

namespace OppBot.Adapters.Persistence;

/// <summary>
/// <see cref="ITemporaryFileStore"/> on the database, so a download link made by one instance works on any. Tokens are
/// 32 random bytes (base64url); only their SHA-256 is stored, so reading the table does not give working links.
/// Expired files are deleted whenever a new one is stored. A singleton; every call uses a short-lived context of its own.
/// </summary>
public sealed class TemporaryFileStore(IDbContextFactory<OppBotDbContext> contexts, TimeProvider clock) : ITemporaryFileStore
{
    /// <inheritdoc/>
    public async Task<string> PutAsync(TemporaryFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<TemporaryFileRow>().Where(f => f.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        db.Add(new TemporaryFileRow
        {
            TokenHash = Hash(token),
            Purpose = file.Purpose,
            Name = file.Name,
            ContentType = file.ContentType,
            Content = file.Content,
            OwnerId = file.OwnerId,
            CreatedAt = now,
            ExpiresAt = file.ExpiresAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <inheritdoc/>
    public async Task<TemporaryFile?> GetAsync(string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<TemporaryFileRow>().AsNoTracking().FirstOrDefaultAsync(f => f.TokenHash == hash && f.ExpiresAt > now, cancellationToken);
        return row is null ? null : new TemporaryFile(row.Name, row.ContentType, row.Content, row.Purpose, row.OwnerId, row.ExpiresAt);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
