using Microsoft.EntityFrameworkCore;
using OppBot.Adapters.Persistence;
using OppBot.Bot.Tests.Persistence;
using OppBot.Domain;
using OppBot.Domain.Audit;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Webhooks;

namespace OppBot.Bot.Tests.Webhooks;

/// <summary>The webhook outbox on SQLite.</summary>
public sealed class SqliteWebhookOutboxTests(SqliteDatabase database) : WebhookOutboxTests(database), IClassFixture<SqliteDatabase>;

/// <summary>The webhook outbox on PostgreSQL (OPPBOT_TEST_PG): the claim there is FOR UPDATE SKIP LOCKED.</summary>
public sealed class PostgresWebhookOutboxTests(PostgresDatabase database) : WebhookOutboxTests(database), IClassFixture<PostgresDatabase>, IPostgresTests;

/// <summary>The webhook outbox in the EF store: rows written with the events, in the same transaction, once.</summary>
public abstract class WebhookOutboxTests(StoreDatabase database)
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 2, 0, 0, TimeSpan.Zero);

    private static readonly WebhookSubscriptions Subscriptions = new(
    [
        new WebhookSubscription("erp", new HashSet<EventType>()),
        new WebhookSubscription("oa", new HashSet<EventType> { EventType.Won }),
    ]);

    private EfOppBotStore Store(out OppBotDbContext db)
    {
        db = database.Factory.CreateDbContext();
        return new EfOppBotStore(db, Subscriptions);
    }

    private async Task<(SalesRep Rep, Opportunity Deal, string Team)> NewDealAsync(EfOppBotStore store)
    {
        var team = "t-" + Guid.NewGuid().ToString("N")[..8];
        var rep = new SalesRep("Rep", Role.Rep, team, "en", Now);
        store.Add(rep);
        var deal = Opportunity.Create(new LeadDraft { Account = "Acme " + team, Title = "CRM", Amount = 1_000m }, rep, await store.NextOpportunityNumberAsync(default), DomainSettings.Default, Now, out _)!;
        store.Add(deal);
        return (rep, deal, team);
    }

    private async Task<List<WebhookDelivery>> RowsAsync(string team)
    {
        await using var db = database.Factory.CreateDbContext();
        return await db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.TeamId == team).OrderBy(d => d.Endpoint).ToListAsync();
    }

    [StoreFact]
    public async Task SaveChanges_EventsSaved_OneRowPerEventAndEndpointThatWantsIt()
    {
        var store = Store(out var db);
        await using var _ = db;
        var (_, deal, team) = await NewDealAsync(store);

        await store.SaveChangesAsync(default);

        var row = Assert.Single(await RowsAsync(team)); // "oa" wants only won
        var created = Assert.Single(await db.Events.AsNoTracking().Where(e => e.OpportunityId == deal.Id).ToListAsync());
        Assert.Equal(("erp", created.Id, "opportunity.created", WebhookDeliveryStatus.Pending), (row.Endpoint, row.EventId, row.EventType, row.Status));
        Assert.Equal(WebhookPayload.Render(created), row.Payload);
    }

    [StoreFact]
    public async Task SaveChanges_Won_RowForBothEndpoints()
    {
        var store = Store(out var db);
        await using var _ = db;
        var (rep, deal, team) = await NewDealAsync(store);
        deal.Import(new ImportedState("won"), rep, DomainSettings.Default, Now);

        await store.SaveChangesAsync(default);

        var rows = await RowsAsync(team);
        Assert.Equal([("erp", "opportunity.created"), ("erp", "opportunity.won"), ("oa", "opportunity.won")], rows.Select(r => (r.Endpoint, r.EventType)).Order());
    }

    [StoreFact]
    public async Task SaveChanges_Fails_NoRowsAndARetriedSaveWritesThemOnce()
    {
        // The dedupe key was handled already: the whole unit of work, deliveries included, is refused...
        var key = "test:" + Guid.NewGuid();
        var first = Store(out var db1);
        await using (db1)
        {
            first.MarkProcessed(key, Now);
            await first.SaveChangesAsync(default);
        }

        var store = Store(out var db);
        await using var _ = db;
        var (_, _, team) = await NewDealAsync(store);
        store.MarkProcessed(key, Now);
        await Assert.ThrowsAsync<DuplicateMessageException>(() => store.SaveChangesAsync(default));
        Assert.Empty(await RowsAsync(team));

        // ...and saving again without the mark writes each row once, not twice.
        db.ChangeTracker.Entries().Where(e => e.Entity.GetType().Name == "ProcessedMessage").ToList().ForEach(e => e.State = EntityState.Detached);
        await store.SaveChangesAsync(default);
        Assert.Single(await RowsAsync(team));
    }

    [StoreFact]
    public async Task ClaimDue_TwoClaimers_NeverGetTheSameRow()
    {
        var store = Store(out var db);
        await using var _ = db;
        for (var i = 0; i < 3; i++)
        {
            await NewDealAsync(store);
        }

        await store.SaveChangesAsync(default);
        var deliveries = new WebhookDeliveryStore(database.Factory);

        var a = await deliveries.ClaimDueAsync("a", Now.AddYears(1), TimeSpan.FromMinutes(1), 2, default);
        var b = await deliveries.ClaimDueAsync("b", Now.AddYears(1), TimeSpan.FromMinutes(1), 100, default);

        Assert.Equal(2, a.Count);
        Assert.Empty(a.Select(d => d.Id).Intersect(b.Select(d => d.Id)));
        Assert.Empty(await deliveries.ClaimDueAsync("c", Now.AddYears(1), TimeSpan.FromMinutes(1), 100, default)); // all leased
    }

    [StoreFact]
    public async Task SaveAsync_Attempt_IsInTheLog()
    {
        var store = Store(out var db);
        await using var _ = db;
        var (_, _, team) = await NewDealAsync(store);
        await store.SaveChangesAsync(default);
        var deliveries = new WebhookDeliveryStore(database.Factory);
        var row = (await RowsAsync(team)).Single();
        row.MarkRetry(503, "HTTP 503 Service Unavailable", Now.AddSeconds(1), Now.AddSeconds(6));

        await deliveries.SaveAsync(row, default);

        var logged = Assert.Single(await deliveries.ListAsync("erp", team, WebhookDeliveryStatus.Pending, 10, default));
        Assert.Equal((1, 503, "HTTP 503 Service Unavailable", Now.AddSeconds(6)), (logged.Attempts, logged.LastStatusCode!.Value, logged.LastError, logged.NextAttemptAt));
    }
}
