using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using OppBot.Adapters.Persistence.Mapping;
using OppBot.Domain;
using OppBot.Domain.Approvals;
using OppBot.Domain.Audit;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Integrations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Webhooks;

namespace OppBot.Adapters.Persistence;

/// <summary>
/// <see cref="IOppBotStore"/> on EF Core: one instance (and one <see cref="OppBotDbContext"/>) per turn or job, so
/// the context's change tracker is the unit of work. Queries are tracked and read the database (an object added in
/// this unit is found only after <see cref="SaveChangesAsync"/>).
/// </summary>
/// <param name="db">The unit of work.</param>
/// <param name="webhooks">The webhook endpoints (none when the host has no webhooks): saved events get their delivery rows.</param>
public sealed class EfOppBotStore(OppBotDbContext db, WebhookSubscriptions? webhooks = null) : IOppBotStore
{
    private string? _duplicateKey;

    /// <inheritdoc/>
    public Task<SalesRep?> FindUserAsync(ChannelIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return db.Users.FirstOrDefaultAsync(
            u => u.Identities.Any(i => i.Channel == identity.Channel && i.ExternalId == identity.ExternalId),
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SalesRep?> GetUserAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    /// <summary>People, optionally of one team, by display name.</summary>
    public async Task<IReadOnlyList<SalesRep>> ListUsersAsync(string? teamId, CancellationToken cancellationToken)
    {
        var query = teamId is null ? db.Users : db.Users.Where(u => u.TeamId == teamId);
        return await query.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).ToListAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public void Add(SalesRep user) => db.Users.Add(user);

    /// <inheritdoc/>
    public Task<Team?> GetTeamAsync(string id, CancellationToken cancellationToken) =>
        db.Teams.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    /// <summary>All teams, by id.</summary>
    public async Task<IReadOnlyList<Team>> ListTeamsAsync(CancellationToken cancellationToken) =>
        await db.Teams.OrderBy(t => t.Id).ToListAsync(cancellationToken);

    /// <inheritdoc/>
    public void Add(Team team) => db.Teams.Add(team);

    /// <inheritdoc/>
    public Task<Opportunity?> GetOpportunityAsync(int number, CancellationToken cancellationToken) =>
        db.Opportunities.FirstOrDefaultAsync(o => o.Number == number, cancellationToken);

    /// <inheritdoc/>
    public Task<Opportunity?> GetOpportunityAsync(Guid id, CancellationToken cancellationToken) =>
        db.Opportunities.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Opportunity>> FindOpportunitiesAsync(OpportunityFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return await filter.Apply(db.Opportunities).ToListAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<int>> FindOpportunityNumbersAsync(OpportunityFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return await filter.Apply(db.Opportunities).Select(o => o.Number).ToListAsync(cancellationToken);
    }

    /// <summary>Open deals matching the normalised company, or the email domain or (normalised) phone when given; by number.</summary>
    public async Task<IReadOnlyList<Opportunity>> FindDuplicateCandidatesAsync(string normalizedAccount, string? emailDomain, string? phone, CancellationToken cancellationToken) =>
        await db.Opportunities
            .Where(o => o.Status == OpportunityStatus.Open)
            .Where(o => o.NormalizedAccount == normalizedAccount
                || (emailDomain != null && o.EmailDomain == emailDomain)
                || (phone != null && o.NormalizedPhone == phone))
            .OrderBy(o => o.Number)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Reserves the next deal number with one atomic statement outside the unit of work (an upsert on the counters
    /// row, so a fresh database needs no seed). A number reserved by a turn that then fails is never reused.
    /// </summary>
    public async Task<int> NextOpportunityNumberAsync(CancellationToken cancellationToken)
    {
        const string Sql =
            "INSERT INTO counters (name, value) VALUES ('" + Counter.OpportunityNumber + "', 1) " +
            "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value";
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Reserves a block of consecutive numbers with one atomic statement (as <see cref="NextOpportunityNumberAsync"/>).</summary>
    public async Task<IReadOnlyList<int>> ReserveOpportunityNumbersAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return [];
        }

        var last = await db.Database
            .SqlQuery<int>($"INSERT INTO counters (name, value) VALUES ({Counter.OpportunityNumber}, {count}) ON CONFLICT (name) DO UPDATE SET value = counters.value + {count} RETURNING value AS \"Value\"")
            .ToListAsync(cancellationToken);
        return Enumerable.Range(last.Single() - count + 1, count).ToList();
    }

    /// <inheritdoc/>
    public void Add(Opportunity opportunity) => db.Opportunities.Add(opportunity);

    /// <inheritdoc/>
    public Task<Approval?> GetApprovalAsync(Guid id, CancellationToken cancellationToken) =>
        db.Approvals.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>The pending approval of a deal; the latest requested if there were ever several.</summary>
    public Task<Approval?> GetPendingApprovalAsync(Guid opportunityId, CancellationToken cancellationToken) =>
        db.Approvals
            .Where(a => a.OpportunityId == opportunityId && a.Status == ApprovalStatus.Pending)
            .OrderByDescending(a => a.RequestedAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <inheritdoc/>
    public void Add(Approval approval) => db.Approvals.Add(approval);

    /// <inheritdoc/>
    public Task<DialogState?> GetDialogAsync(string key, CancellationToken cancellationToken) =>
        db.Dialogs.FirstOrDefaultAsync(d => d.Key == key, cancellationToken);

    /// <inheritdoc/>
    public void Add(DialogState dialog) => db.Dialogs.Add(dialog);

    /// <inheritdoc/>
    public void Remove(DialogState dialog) => db.Dialogs.Remove(dialog);

    /// <inheritdoc/>
    public Task<bool> WasProcessedAsync(string dedupeKey, CancellationToken cancellationToken) =>
        db.ProcessedMessages.AnyAsync(m => m.DedupeKey == dedupeKey, cancellationToken);

    /// <summary>
    /// Marks a message as handled; the row is inserted by the next save, where a key handled before (by this or
    /// another instance) makes the save throw <see cref="DuplicateMessageException"/>.
    /// </summary>
    public void MarkProcessed(string dedupeKey, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dedupeKey);
        if (db.ChangeTracker.Entries<ProcessedMessage>().Any(e => e.Entity.DedupeKey == dedupeKey))
        {
            // EF cannot track two rows with one key; the save reports it as the duplicate it is.
            _duplicateKey = dedupeKey;
            return;
        }

        db.ProcessedMessages.Add(new ProcessedMessage(dedupeKey, at));
    }

    /// <inheritdoc/>
    public void Enqueue(OutgoingMessage message) => db.Outbox.Add(message);

    /// <inheritdoc/>
    public Task<OutgoingMessage?> GetOutgoingAsync(Guid id, CancellationToken cancellationToken) =>
        db.Outbox.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);

    /// <summary>Events of a team (or all) at or after <paramref name="since"/>, oldest first (then in the order saved).</summary>
    public async Task<IReadOnlyList<DomainEvent>> ListEventsAsync(string? teamId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var query = db.Events.AsNoTracking().Where(e => e.At >= since);
        if (teamId is not null)
        {
            query = query.Where(e => e.TeamId == teamId);
        }

        return await query
            .OrderBy(e => e.At)
            .ThenBy(e => EF.Property<long>(e, DomainEventMapping.Sequence))
            .ToListAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ApiKey?> FindApiKeyAsync(string lookup, CancellationToken cancellationToken) =>
        db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Lookup == lookup, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(CancellationToken cancellationToken) =>
        await db.Set<ApiKey>().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(cancellationToken);

    /// <inheritdoc/>
    public void Add(ApiKey apiKey) => db.Set<ApiKey>().Add(apiKey);

    /// <summary>Stops tracking everything loaded or added in this unit; nothing of it will be saved.</summary>
    public void DiscardChanges()
    {
        db.ChangeTracker.Clear();
        _duplicateKey = null;
    }

    /// <summary>
    /// Saves the unit of work in one transaction, with the pending events and audit entries of every tracked deal as
    /// rows. A stale version (opportunity, approval, dialog) or a row someone else inserted first (user identity,
    /// team, dialog key) is a <see cref="ConcurrencyConflictException"/>; a dedupe key already in processed_messages
    /// is a <see cref="DuplicateMessageException"/>. Nothing is saved then, and the deals keep their pending events.
    /// </summary>
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        if (_duplicateKey is { } key)
        {
            throw new DuplicateMessageException($"The message '{key}' was marked twice.");
        }

        var deals = db.ChangeTracker.Entries<Opportunity>()
            .Where(e => e.State != EntityState.Deleted)
            .Select(e => e.Entity)
            .ToList();
        var rows = new List<object>();
        foreach (var deal in deals)
        {
            rows.AddRange(deal.PendingEvents);
            rows.AddRange(deal.PendingAudit);
        }

        // The webhook outbox: one row per event and endpoint, committed with the event or not at all.
        rows.AddRange(webhooks?.DeliveriesFor(deals.SelectMany(d => d.PendingEvents)) ?? []);
        db.AddRange(rows);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            Forget(rows);
            throw new ConcurrencyConflictException("Someone else changed the same object at the same time; nothing was saved.", ex);
        }
        catch (DbUpdateException ex) when (UniqueViolation(ex) is { } table)
        {
            Forget(rows);
            if (table == "processed_messages")
            {
                throw new DuplicateMessageException("Another instance already handled this message; nothing was saved.", ex);
            }

            throw new ConcurrencyConflictException($"Someone else created the same {table} row at the same time; nothing was saved.", ex);
        }
        catch
        {
            Forget(rows);
            throw;
        }

        foreach (var deal in deals)
        {
            deal.ClearPending();
        }
    }

    // After a failed save the rows go, so that a retry collects the deals' pending events once, not twice.
    private void Forget(List<object> rows)
    {
        foreach (var row in rows)
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>The table whose unique key or primary key was violated, or null for any other failure.</summary>
    internal static string? UniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        // SQLITE_CONSTRAINT (19) with SQLITE_CONSTRAINT_PRIMARYKEY (1555) or SQLITE_CONSTRAINT_UNIQUE (2067);
        // the message names the columns: "UNIQUE constraint failed: processed_messages.dedupe_key".
        SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 1555 or 2067 } e => TableOf(e.Message),
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } e => e.TableName,
        _ => null,
    };

    private static string? TableOf(string message)
    {
        const string Marker = "constraint failed: ";
        var at = message.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = message[(at + Marker.Length)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? null : rest[..dot];
    }
}
