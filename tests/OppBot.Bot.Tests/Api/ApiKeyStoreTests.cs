using OppBot.Adapters.Persistence;
using OppBot.Bot.Tests.Persistence;
using OppBot.Domain;
using OppBot.Domain.Integrations;
using OppBot.Domain.People;

namespace OppBot.Bot.Tests.Api;

/// <summary>API keys in the EF store on SQLite (the schema of 003_api_keys.sql).</summary>
public sealed class SqliteApiKeyStoreTests(SqliteDatabase database) : ApiKeyStoreTests(database), IClassFixture<SqliteDatabase>;

/// <summary>The same against PostgreSQL (OPPBOT_TEST_PG).</summary>
public sealed class PostgresApiKeyStoreTests(PostgresDatabase database) : ApiKeyStoreTests(database), IClassFixture<PostgresDatabase>, IPostgresTests;

/// <summary>Each test issues keys of its own (unique lookups), so they share the class's database.</summary>
public abstract class ApiKeyStoreTests(StoreDatabase database)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly SalesRep Admin = new("Admin", Role.Admin, "east", "en", Now);

    [StoreFact]
    public async Task Add_ThenFindByLookup_RoundTripsAndAcceptsTheKey()
    {
        var issued = await IssueAndSaveAsync("erp");

        await using var db = database.Factory.CreateDbContext();
        var store = new EfOppBotStore(db);
        var key = await store.FindApiKeyAsync(issued.Key.Lookup, default);

        Assert.NotNull(key);
        Assert.Equal(
            (issued.Key.Id, "erp", issued.Key.Salt, issued.Key.Hash, Role.Manager, "east", issued.ActsAs.Id, Now, Admin.Id, (DateTimeOffset?)null, 1),
            (key.Id, key.Name, key.Salt, key.Hash, key.Role, key.TeamId, key.UserId, key.CreatedAt, key.CreatedById, key.RevokedAt, key.Version));
        Assert.True(key.Accepts(issued.PlainKey));
        Assert.Equal("API erp", (await store.GetUserAsync(key.UserId, default))?.DisplayName);
        Assert.Contains(await store.ListApiKeysAsync(default), k => k.Id == key.Id);
        Assert.Null(await store.FindApiKeyAsync("000000000000", default));
    }

    [StoreFact]
    public async Task Revoke_Saved_TheKeyIsRefusedFromThenOn()
    {
        var issued = await IssueAndSaveAsync("oa");
        await using (var db = database.Factory.CreateDbContext())
        {
            var store = new EfOppBotStore(db);
            Assert.Null((await store.FindApiKeyAsync(issued.Key.Lookup, default))!.Revoke(Admin, Now.AddDays(1)));
            await store.SaveChangesAsync(default);
        }

        await using var again = database.Factory.CreateDbContext();
        var key = await new EfOppBotStore(again).FindApiKeyAsync(issued.Key.Lookup, default);

        Assert.Equal((Now.AddDays(1), (Guid?)Admin.Id, 2), (key!.RevokedAt, key.RevokedById, key.Version));
        Assert.False(key.Accepts(issued.PlainKey));
    }

    [StoreFact]
    public async Task Revoke_TwoAdminsAtOnce_TheSecondIsAConflict()
    {
        var issued = await IssueAndSaveAsync("sheet", parallel: true);
        await using var first = database.ParallelFactory.CreateDbContext();
        await using var second = database.ParallelFactory.CreateDbContext();
        var a = new EfOppBotStore(first);
        var b = new EfOppBotStore(second);
        var keyA = await a.FindApiKeyAsync(issued.Key.Lookup, default);
        var keyB = await b.FindApiKeyAsync(issued.Key.Lookup, default);

        Assert.Null(keyA!.Revoke(Admin, Now));
        Assert.Null(keyB!.Revoke(Admin, Now));
        await a.SaveChangesAsync(default);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => b.SaveChangesAsync(default));
    }

    // The parallel factory is a database of its own (on SQLite a file), where two contexts can race.
    private async Task<ApiKeyIssue.Issued> IssueAndSaveAsync(string name, bool parallel = false)
    {
        var issued = Assert.IsType<ApiKeyIssue.Issued>(ApiKey.Issue(name, Role.Manager, "east", Admin, Now));
        await using var db = (parallel ? database.ParallelFactory : database.Factory).CreateDbContext();
        var store = new EfOppBotStore(db);
        store.Add(issued.ActsAs);
        store.Add(issued.Key);
        await store.SaveChangesAsync(default);
        return issued;
    }
}
