using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OppBot.Adapters.Persistence;
using OppBot.Bot.Tests.Persistence;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;

namespace OppBot.Bot.Tests.ScaleOut;

/// <summary>The outbox's scale-out rules against SQLite.</summary>
public sealed class SqliteOutboxLeaseTests(SqliteDatabase database) : OutboxLeaseTests(database), IClassFixture<SqliteDatabase>;

/// <summary>The outbox's scale-out rules against PostgreSQL (OPPBOT_TEST_PG), where several instances share the outbox.</summary>
public sealed class PostgresOutboxLeaseTests(PostgresDatabase database) : OutboxLeaseTests(database), IClassFixture<PostgresDatabase>, IPostgresTests;

/// <summary>
/// What <see cref="OutboxStore"/> guarantees when several instances drain one outbox: a conversation's messages are
/// handed out one at a time and in queue order, whoever claims them, and an outcome is recorded only by the instance
/// that still holds the row's lease. Each test starts from an empty outbox.
/// </summary>
public abstract class OutboxLeaseTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly StoreDatabase _database;

    protected OutboxLeaseTests(StoreDatabase database)
    {
        _database = database;
        if (database.Factory is null)
        {
            return; // PostgreSQL without a server: every test is skipped
        }

        foreach (var factory in new[] { database.Factory, database.ParallelFactory }.Distinct())
        {
            using var db = factory.CreateDbContext();
            db.Outbox.ExecuteDelete();
        }
    }

    [StoreFact]
    public async Task ClaimDueAsync_SeveralRowsOfOneConversation_HandsOutOnlyTheOldest()
    {
        var first = await EnqueueAsync("chat-a", Now.AddSeconds(-3));
        await EnqueueAsync("chat-a", Now.AddSeconds(-2));
        var other = await EnqueueAsync("chat-b", Now.AddSeconds(-1));
        var sut = new OutboxStore(_database.Factory);

        var claimed = await sut.ClaimDueAsync("a", Now, Lease, 10, default);

        Assert.Equal([first.Id, other.Id], claimed.Select(m => m.Id)); // one per conversation, the oldest
    }

    [StoreFact]
    public async Task ClaimDueAsync_EarlierRowLeasedByAnotherInstance_SkipsTheWholeConversation()
    {
        await EnqueueAsync("chat-a", Now.AddSeconds(-2));
        var second = await EnqueueAsync("chat-a", Now.AddSeconds(-1));
        var sut = new OutboxStore(_database.Factory);
        var first = Assert.Single(await sut.ClaimDueAsync("a", Now, Lease, 10, default));

        Assert.Empty(await sut.ClaimDueAsync("b", Now.AddSeconds(1), Lease, 10, default)); // "a" is still sending the first

        first.MarkSent("ext-1", Now.AddSeconds(2));
        Assert.True(await sut.SaveAsync(first, "a", default));
        Assert.Equal(second.Id, Assert.Single(await sut.ClaimDueAsync("b", Now.AddSeconds(3), Lease, 10, default)).Id);
    }

    [StoreFact]
    public async Task ClaimDueAsync_EarlierRowWaitingForItsRetry_HoldsBackTheLaterOnes()
    {
        await EnqueueAsync("chat-a", Now.AddSeconds(-2));
        await EnqueueAsync("chat-a", Now.AddSeconds(-1));
        var sut = new OutboxStore(_database.Factory);
        var first = Assert.Single(await sut.ClaimDueAsync("a", Now, Lease, 10, default));
        first.MarkRetry("503", Now.AddMinutes(5));
        await sut.SaveAsync(first, "a", default);

        Assert.Empty(await sut.ClaimDueAsync("b", Now.AddMinutes(1), Lease, 10, default)); // the later one must not overtake it

        Assert.Equal(first.Id, Assert.Single(await sut.ClaimDueAsync("b", Now.AddMinutes(5), Lease, 10, default)).Id);
    }

    [StoreFact]
    public async Task ClaimDueAsync_EarlierRowScheduledForLaterAndNeverTried_DoesNotHoldBackReplies()
    {
        var nudge = new OutgoingMessage(Address("chat-a"), Reply.FromText("nudge", "en"), MessagePurpose.Nudge, Now.AddMinutes(-10))
            .NotBefore(Now.AddHours(8)); // working hours start tomorrow morning
        await SaveAsync(nudge);
        var reply = await EnqueueAsync("chat-a", Now.AddSeconds(-1));

        var claimed = await new OutboxStore(_database.Factory).ClaimDueAsync("a", Now, Lease, 10, default);

        Assert.Equal(reply.Id, Assert.Single(claimed).Id);
    }

    [StoreFact]
    public async Task ClaimDueAsync_RowsOfOneTurn_GoOutInOneStableOrder()
    {
        // One turn queues several rows with the same created_at: every instance must agree which goes first.
        var rows = Enumerable.Range(0, 4).Select(i => new OutgoingMessage(Address("chat-a"), Reply.FromText($"#{i}", "en"), MessagePurpose.Reply, Now)).ToArray();
        await SaveAsync(rows);
        var sut = new OutboxStore(_database.Factory);

        var order = new List<Guid>();
        for (var i = 0; i < rows.Length; i++)
        {
            var one = Assert.Single(await sut.ClaimDueAsync(i % 2 == 0 ? "a" : "b", Now.AddSeconds(i), Lease, 10, default));
            one.MarkSent(null, Now.AddSeconds(i));
            await sut.SaveAsync(one, i % 2 == 0 ? "a" : "b", default);
            order.Add(one.Id);
        }

        // Ties on created_at are broken by id as both databases compare it: uuid bytes on PostgreSQL, upper-case text
        // on SQLite, which is the order of the hex strings either way.
        Assert.Equal(rows.Select(r => r.Id).OrderBy(id => id.ToString("D"), StringComparer.Ordinal), order);
    }

    [StoreFact]
    public async Task ClaimDueAsync_ManyClaimersOnFewConversations_EachConversationInQueueOrderNeverTwoAtOnce()
    {
        var queued = new List<OutgoingMessage>();
        for (var i = 0; i < 30; i++)
        {
            queued.Add(await EnqueueAsync($"chat-{i % 3}", Now.AddMilliseconds(-1000 + i), parallel: true));
        }

        var sut = new OutboxStore(_database.ParallelFactory);
        var sent = new ConcurrentQueue<OutgoingMessage>();
        var outstanding = new ConcurrentDictionary<string, Guid>();
        var overlaps = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            var me = $"instance-{n}";
            for (var round = 0; round < 200 && sent.Count < queued.Count; round++)
            {
                foreach (var message in await sut.ClaimDueAsync(me, Now, Lease, 5, default))
                {
                    if (!outstanding.TryAdd(message.Address.Key, message.Id))
                    {
                        Interlocked.Increment(ref overlaps); // two rows of one conversation out at the same time
                    }

                    sent.Enqueue(message);
                    outstanding.TryRemove(message.Address.Key, out _); // before the save: the next row may go once it commits
                    message.MarkSent(null, Now);
                    Assert.True(await sut.SaveAsync(message, me, default));
                }
            }
        })));

        Assert.Equal(0, overlaps);
        Assert.Equal(queued.Count, sent.Count); // every row once ...
        foreach (var conversation in queued.GroupBy(m => m.Address.Key))
        {
            // ... and each conversation's rows in the order they were queued
            Assert.Equal(conversation.Select(m => m.Id), sent.Where(m => m.Address.Key == conversation.Key).Select(m => m.Id));
        }
    }

    [StoreFact]
    public async Task SaveAsync_LeaseTakenOverByAnotherInstance_WritesNothingAndSaysSo()
    {
        await EnqueueAsync("chat-a", Now);
        var sut = new OutboxStore(_database.Factory);
        var mine = Assert.Single(await sut.ClaimDueAsync("a", Now, Lease, 10, default));
        var theirs = Assert.Single(await sut.ClaimDueAsync("b", Now + Lease, Lease, 10, default)); // "a" took too long

        theirs.MarkSent("ext-b", Now + Lease + TimeSpan.FromSeconds(1));
        Assert.True(await sut.SaveAsync(theirs, "b", default));
        mine.MarkRetry("timeout", Now + Lease + TimeSpan.FromMinutes(1));
        var recorded = await sut.SaveAsync(mine, "a", default);

        Assert.False(recorded);
        var stored = await StoredAsync(mine.Id);
        Assert.Equal(("ext-b", 1), (stored.ExternalId, stored.Attempts)); // "b"'s outcome stands
        Assert.NotNull(stored.SentAt);
    }

    [StoreFact]
    public async Task SaveAsync_LeaseExpiredButNobodyTookOver_StillRecords()
    {
        await EnqueueAsync("chat-a", Now);
        var sut = new OutboxStore(_database.Factory);
        var message = Assert.Single(await sut.ClaimDueAsync("a", Now, Lease, 10, default));

        message.MarkSent("ext-a", Now + Lease + TimeSpan.FromSeconds(5)); // sent late, but nobody else sent it
        Assert.True(await sut.SaveAsync(message, "a", default));

        Assert.Empty(await sut.ClaimDueAsync("b", Now + (2 * Lease), Lease, 10, default)); // so it is not sent again
    }

    [StoreFact]
    public async Task ReleaseAsync_ByTheHolder_OffersTheRowAgainAtOnce()
    {
        await EnqueueAsync("chat-a", Now);
        var sut = new OutboxStore(_database.Factory);
        var message = Assert.Single(await sut.ClaimDueAsync("a", Now, Lease, 10, default));

        Assert.False(await sut.ReleaseAsync(message.Id, "b", default)); // not b's to give back
        Assert.True(await sut.ReleaseAsync(message.Id, "a", default));

        var again = Assert.Single(await sut.ClaimDueAsync("b", Now.AddSeconds(1), Lease, 10, default));
        Assert.Equal((message.Id, 0), (again.Id, again.Attempts)); // a release is not an attempt
    }

    private static ConversationAddress Address(string key) => new("teams", key);

    private async Task<OutgoingMessage> EnqueueAsync(string conversation, DateTimeOffset queuedAt, bool parallel = false)
    {
        var message = new OutgoingMessage(Address(conversation), Reply.FromText("hello", "en"), MessagePurpose.Reply, queuedAt);
        await SaveAsync(parallel, message);
        return message;
    }

    private Task SaveAsync(params OutgoingMessage[] messages) => SaveAsync(false, messages);

    private async Task SaveAsync(bool parallel, params OutgoingMessage[] messages)
    {
        await using var db = (parallel ? _database.ParallelFactory : _database.Factory).CreateDbContext();
        var store = new EfOppBotStore(db);
        foreach (var message in messages)
        {
            store.Enqueue(message);
        }

        await store.SaveChangesAsync(default);
    }

    private async Task<OutgoingMessage> StoredAsync(Guid id)
    {
        await using var db = _database.Factory.CreateDbContext();
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
