using Microsoft.EntityFrameworkCore;
using OppBot.Adapters.Persistence;
using OppBot.Adapters.Persistence.Mapping;
using OppBot.Bot.Tests.Persistence;
using OppBot.Domain.Imports;

namespace OppBot.Bot.Tests.Csv;

/// <summary>Temporary files on SQLite.</summary>
public sealed class SqliteTemporaryFileStoreTests(SqliteDatabase database) : TemporaryFileStoreTests(database), IClassFixture<SqliteDatabase>;

/// <summary>Temporary files on PostgreSQL (OPPBOT_TEST_PG): bytea content, timestamptz expiry.</summary>
public sealed class PostgresTemporaryFileStoreTests(PostgresDatabase database) : TemporaryFileStoreTests(database), IClassFixture<PostgresDatabase>, IPostgresTests;

/// <summary><see cref="TemporaryFileStore"/> on a real database.</summary>
public abstract class TemporaryFileStoreTests(StoreDatabase database)
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 2, 0, 0, TimeSpan.Zero);

    private static TemporaryFile File(DateTimeOffset expires) =>
        new("deals.csv", "text/csv; charset=utf-8", [0xEF, 0xBB, 0xBF, 0x41], TemporaryFilePurpose.Export, Guid.NewGuid(), expires);

    [StoreFact]
    public async Task Put_ThenGet_ReturnsTheFileByItsToken()
    {
        var sut = new TemporaryFileStore(database.Factory, TimeProvider.System);
        var file = File(Now.AddMinutes(15));

        var token = await sut.PutAsync(file, default);
        var read = await sut.GetAsync(token, Now, default);

        Assert.Equal(43, token.Length); // 32 random bytes, base64url
        Assert.Equal((file.Name, file.ContentType, file.Purpose, file.OwnerId), (read!.Name, read.ContentType, read.Purpose, read.OwnerId));
        Assert.Equal(file.Content, read.Content);
    }

    [StoreFact]
    public async Task Get_AfterExpiry_IsNull()
    {
        var sut = new TemporaryFileStore(database.Factory, TimeProvider.System);
        var token = await sut.PutAsync(File(Now.AddMinutes(15)), default);

        Assert.Null(await sut.GetAsync(token, Now.AddMinutes(15), default));
    }

    [StoreTheory]
    [InlineData("not-a-token")] // unknown
    [InlineData("")] // empty
    public async Task Get_UnknownToken_IsNull(string token)
    {
        Assert.Null(await new TemporaryFileStore(database.Factory, TimeProvider.System).GetAsync(token, Now, default));
    }

    [StoreFact]
    public async Task Put_StoresOnlyTheTokensHash()
    {
        var sut = new TemporaryFileStore(database.Factory, TimeProvider.System);

        var token = await sut.PutAsync(File(TimeProvider.System.GetUtcNow().AddMinutes(15)), default);

        await using var db = database.Factory.CreateDbContext();
        var hashes = await db.Set<TemporaryFileRow>().Select(f => f.TokenHash).ToListAsync();
        Assert.DoesNotContain(token, hashes);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), hashes);
    }

    [StoreFact]
    public async Task Put_RemovesExpiredFiles()
    {
        var sut = new TemporaryFileStore(database.Factory, TimeProvider.System);
        await sut.PutAsync(File(TimeProvider.System.GetUtcNow().AddSeconds(-1)), default);

        await sut.PutAsync(File(TimeProvider.System.GetUtcNow().AddMinutes(5)), default);

        await using var db = database.Factory.CreateDbContext();
        var now = TimeProvider.System.GetUtcNow();
        var expired = await db.Set<TemporaryFileRow>().CountAsync(f => f.ExpiresAt <= now);
        Assert.Equal(0, expired);
    }
}
