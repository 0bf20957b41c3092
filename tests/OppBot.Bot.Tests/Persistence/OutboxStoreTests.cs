using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OppBot.Adapters.Persistence;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;

namespace OppBot.Bot.Tests.Persistence;

/// <summary>The outbox store against SQLite.</summary>
public sealed class SqliteOutboxStoreTests(SqliteDatabase database) : OutboxStoreTests(database), IClassFixture<SqliteDatabase>;

/// <summary>The outbox store against PostgreSQL (OPPBOT_TEST_PG).</summary>
public sealed class PostgresOutboxStoreTests(PostgresDatabase database) : OutboxStoreTests(database), IClassFixture<PostgresDatabase>, IPostgresTests;

/// <summary>
/// <see cref="OutboxStore"/>. Each test starts from an empty outbox (tests of a class run one after another and the
/// class has its own database).
/// </summary>
public abstract class OutboxStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly StoreDatabase _database;

    protected OutboxStoreTests(StoreDatabase database)
    {
        _database = database;
        if (database.Factory is null)
        {
            return; // PostgreSQL without a server: every test is skipped
        }

        using var db = database.Factory.CreateDbContext();
        db.Outbox.ExecuteDelete();
        if (!ReferenceEquals(database.ParallelFactory, database.Factory))
        {
            using var parallel = database.ParallelFactory.CreateDbContext();
            parallel.Outbox.ExecuteDelete();
        }
    }

    [StoreFact]
    public async Task ClaimDueAsync_DueRows_ClaimsThemOldestFirstWithALease()
    {
        var late = await EnqueueAsync(Now.AddMinutes(-1));
        var early = await EnqueueAsync(Now.AddMinutes(-5));
        var sut = new OutboxStore(_database.Factory);

        var claimed = await sut.ClaimDueAsync("a", Now, Lease, 10, default);

        Assert.Equal([early.Id, late.Id], claimed.Select(m => m.Id));
        Assert.All(claimed, m => Assert.Equal(("a", Now + Lease), (m.LeaseOwner, m.LeaseUntil)));
        await using var db = _database.Factory.CreateDbContext();
        var stored = await new EfOppBotStore(db).GetOutgoingAsync(early.Id, default);
        Assert.Equal("a", stored!.LeaseOwner); // the lease is in the database, not only in the returned object
    }

    [StoreFact]
    public async Task ClaimDueAsync_RowLeasedByAnother_IsNotHandedOutAgain()
    {
        var message = await EnqueueAsync(Now);
        var sut = new OutboxStore(_database.Factory);
        await sut.ClaimDueAsync("a", Now, Lease, 10, default);

        var second = await sut.ClaimDueAsync("b", Now.AddSeconds(30), Lease, 10, default);

        Assert.Empty(second);
        Assert.Equal(message.Id, Assert.Single(await sut.ClaimDueAsync("b", Now + Lease, Lease, 10, default)).Id); // offered again once the lease expired
    }

    [StoreFact]
    public async Task ClaimDueAsync_NotDueSentOrFailed_ClaimsNothing()
    {
        await EnqueueAsync(Now.AddMinutes(1)); // not yet due (working hours)
        await EnqueueAsync(Now);
        await EnqueueAsync(Now);
        var sut = new OutboxStore(_database.Factory);
        var claimed = await sut.ClaimDueAsync("a", Now, Lease, 10, default);
        claimed[0].MarkSent("ext-1", Now);
        claimed[1].MarkFailed("bot removed", Now);
        await sut.SaveAsync(claimed[0], "a", default);
        await sut.SaveAsync(claimed[1], "a", default);

        Assert.Empty(await sut.ClaimDueAsync("a", Now, Lease, 10, default));
    }

    [StoreFact]
    public async Task ClaimDueAsync_Max_ClaimsAtMostThatMany()
    {
        for (var i = 0; i < 5; i++)
        {
            await EnqueueAsync(Now.AddSeconds(-i));
        }

        var claimed = await new OutboxStore(_database.Factory).ClaimDueAsync("a", Now, Lease, 3, default);

        Assert.Equal(3, claimed.Count);
    }

    [StoreFact]
    public async Task ClaimDueAsync_ManyClaimersAtOnce_NeverHandOutARowTwice()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            ids.Add((await EnqueueAsync(Now.AddSeconds(-i), parallel: true)).Id);
        }

        var sut = new OutboxStore(_database.ParallelFactory);
        var claimed = new ConcurrentBag<Guid>();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(n => Task.Run(async () =>
        {
            for (var round = 0; round < 20; round++)
            {
                foreach (var message in await sut.ClaimDueAsync($"instance-{n}", Now, Lease, 4, default))
                {
                    claimed.Add(message.Id);
                }
            }
        })));

        Assert.Equal(claimed.Count, claimed.Distinct().Count()); // nobody got a row twice ...
        Assert.Equal(ids.Order(), claimed.Order()); // ... and every row went to someone
    }

    [StoreFact]
    public async Task SaveAsync_MarkRetry_IsOfferedAgainAtTheNextAttempt()
    {
        await EnqueueAsync(Now);
        var sut = new OutboxStore(_database.Factory);
        var message = Assert.Single(await sut.ClaimDueAsync("a", Now, Lease, 10, default));

        message.MarkRetry("429", Now.AddMinutes(5));
        await sut.SaveAsync(message, "a", default);

        Assert.Empty(await sut.ClaimDueAsync("b", Now.AddMinutes(4), Lease, 10, default));
        var again = Assert.Single(await sut.ClaimDueAsync("b", Now.AddMinutes(5), Lease, 10, default));
        Assert.Equal((1, "429"), (again.Attempts, again.FailureReason));
    }

    [StoreFact]
    public async Task GetExternalIdAsync_AfterMarkSent_ReturnsTheChannelsId()
    {
        await EnqueueAsync(Now);
        var sut = new OutboxStore(_database.Factory);
        var message = Assert.Single(await sut.ClaimDueAsync("a", Now, Lease, 10, default));
        Assert.Null(await sut.GetExternalIdAsync(message.Id, default));

        message.MarkSent("1:activity-id", Now.AddSeconds(1));
        await sut.SaveAsync(message, "a", default);

        Assert.Equal("1:activity-id", await sut.GetExternalIdAsync(message.Id, default));
        await using var db = _database.Factory.CreateDbContext();
        var stored = await new EfOppBotStore(db).GetOutgoingAsync(message.Id, default);
        StateAssert.Same(message, stored);
    }

    [StoreFact]
    public async Task ListFailedAsync_FailedRows_ListsThemLatestFirst()
    {
        await EnqueueAsync(Now.AddSeconds(-2));
        await EnqueueAsync(Now.AddSeconds(-1));
        await EnqueueAsync(Now);
        var sut = new OutboxStore(_database.Factory);
        var claimed = await sut.ClaimDueAsync("a", Now, Lease, 2, default); // the two oldest
        var (first, second) = (claimed[0], claimed[1]);
        first.MarkFailed("user gone", Now.AddMinutes(1));
        second.MarkFailed("bot removed", Now.AddMinutes(2));
        await sut.SaveAsync(first, "a", default);
        await sut.SaveAsync(second, "a", default);

        var failed = await sut.ListFailedAsync(10, default);

        Assert.Equal([second.Id, first.Id], failed.Select(m => m.Id));
        Assert.Equal("bot removed", failed[0].FailureReason);
    }

    [StoreFact]
    public async Task SaveAsync_UnknownRow_Throws()
    {
        var never = new OutgoingMessage(new ConversationAddress("teams", "c"), Reply.FromText("x", "en"), MessagePurpose.Reply, Now);

        await Assert.ThrowsAsync<InvalidOperationException>(() => new OutboxStore(_database.Factory).SaveAsync(never, "a", default));
    }

    private async Task<OutgoingMessage> EnqueueAsync(DateTimeOffset due, bool parallel = false)
    {
        var message = new OutgoingMessage(new ConversationAddress("wecom", "u-" + Guid.NewGuid()), Reply.FromText("你好", "zh-CN"), MessagePurpose.Nudge, due);
        await using var db = (parallel ? _database.ParallelFactory : _database.Factory).CreateDbContext();
        var store = new EfOppBotStore(db);
        store.Enqueue(message);
        await store.SaveChangesAsync(default);
        return message;
    }
}
