using Microsoft.EntityFrameworkCore;
using OppBot.Adapters.Persistence.Mapping;
using OppBot.Domain.Delivery;

namespace OppBot.Adapters.Persistence;

/// <summary>
/// The outbox as the delivery loop sees it: claim due rows with a lease, record what happened to each send, and list
/// what failed for admins. A singleton; every call uses a short-lived context of its own.
/// </summary>
public sealed class OutboxStore(IDbContextFactory<OppBotDbContext> contexts)
{
    /// <summary>
    /// The claim, shared by both databases (PostgreSQL adds the row locks). A conversation's rows go out one at a time
    /// and in the order they were queued (<c>created_at</c>, then <c>id</c> for rows of one turn), whichever instance
    /// sends them: a row is offered only when no earlier pending row of its conversation is active — due, tried before
    /// (waiting for its retry) or leased. So a batch holds at most one row per conversation, and a conversation whose
    /// oldest row is retrying, or is being sent by another instance, is skipped as a whole. A row scheduled for later
    /// and never tried (working hours) does not hold back the rows queued after it.
    /// {0} is now (in the column's representation), {1} the batch size.
    /// </summary>
    private const string ClaimSql = """
        SELECT o.* FROM outbox AS o
        WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= {0}
          AND (o.lease_until IS NULL OR o.lease_until <= {0})
          AND NOT EXISTS (
            SELECT 1 FROM outbox AS e
            WHERE e.address_channel = o.address_channel AND e.address_key = o.address_key
              AND e.sent_at IS NULL AND e.failed_at IS NULL
              AND (e.next_attempt_at <= {0} OR e.attempts > 0 OR e.lease_until IS NOT NULL)
              AND (e.created_at < o.created_at OR (e.created_at = o.created_at AND e.id < o.id)))
        ORDER BY o.next_attempt_at, o.created_at, o.id
        LIMIT {1}
        """;

    /// <summary>
    /// Claims up to <paramref name="max"/> pending rows due at <paramref name="now"/> whose lease is absent or
    /// expired, leasing them to <paramref name="instanceId"/> until <paramref name="now"/> + <paramref name="lease"/>;
    /// oldest due first, and at most one row per conversation: the oldest of its conversation, and only when nothing
    /// earlier in that conversation is leased or waiting for a retry (see <see cref="ClaimSql"/>), so messages to one
    /// conversation keep their order across instances. Two claimers never get the same row while its lease lasts:
    /// PostgreSQL locks the rows with <c>FOR UPDATE SKIP LOCKED</c> (a row another claimer is taking is skipped, and
    /// its later rows are not offered because it is still the oldest), SQLite takes the write lock first
    /// (<c>BEGIN IMMEDIATE</c>). A row whose claimer died is offered again once the lease expires.
    /// </summary>
    public async Task<IReadOnlyList<OutgoingMessage>> ClaimDueAsync(string instanceId, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Raw SQL bypasses the value converters: SQLite compares its fixed-width UTC text, PostgreSQL a UTC timestamptz.
        var due = db.IsSqlite
            ? await db.Outbox.FromSqlRaw(ClaimSql, UtcTextConverter.Format(now), max).ToListAsync(cancellationToken)
            : await db.Outbox.FromSqlRaw(ClaimSql + " FOR UPDATE OF o SKIP LOCKED", now.ToUniversalTime(), max).ToListAsync(cancellationToken);
        foreach (var message in due)
        {
            message.Claim(instanceId, now + lease);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due;
    }

    /// <summary>
    /// Records the outcome of a send (after <see cref="OutgoingMessage.MarkSent"/>, <see cref="OutgoingMessage.MarkRetry"/>
    /// or <see cref="OutgoingMessage.MarkFailed"/>), or its progress (<see cref="OutgoingMessage.MarkProgress"/>), if <paramref name="leaseOwner"/> still holds the row: only the
    /// delivery columns are written, in one conditional UPDATE. False, and nothing written, when the lease was lost
    /// (it expired and another instance claimed the row, which then records its own outcome); an expired lease that
    /// nobody took over still counts as held.
    /// </summary>
    /// <exception cref="InvalidOperationException">The row does not exist.</exception>
    public async Task<bool> SaveAsync(OutgoingMessage message, string leaseOwner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseOwner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.Outbox
            .Where(m => m.Id == message.Id && m.LeaseOwner == leaseOwner)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(m => m.Attempts, message.Attempts)
                    .SetProperty(m => m.NextAttemptAt, message.NextAttemptAt)
                    .SetProperty(m => m.SentAt, message.SentAt)
                    .SetProperty(m => m.FailedAt, message.FailedAt)
                    .SetProperty(m => m.FailureReason, message.FailureReason)
                    .SetProperty(m => m.ExternalId, message.ExternalId)
                    .SetProperty(m => m.PartsDone, message.PartsDone)
                    .SetProperty(m => m.LeaseOwner, message.LeaseOwner)
                    .SetProperty(m => m.LeaseUntil, message.LeaseUntil),
                cancellationToken);
        if (updated == 0 && !await db.Outbox.AnyAsync(m => m.Id == message.Id, cancellationToken))
        {
            throw new InvalidOperationException($"Outbox row {message.Id} does not exist.");
        }

        return updated > 0;
    }

    /// <summary>
    /// Gives a claimed row back unsent (nothing else changes), so it is offered again at once instead of after its
    /// lease; only while <paramref name="leaseOwner"/> holds it. False when the lease was already lost.
    /// </summary>
    public async Task<bool> ReleaseAsync(Guid outgoingId, string leaseOwner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseOwner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.Outbox
            .Where(m => m.Id == outgoingId && m.LeaseOwner == leaseOwner)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null),
                cancellationToken);
        return updated > 0;
    }

    /// <summary>The channel's id of a sent message (to update it in place), or null when not sent or unknown.</summary>
    public async Task<string?> GetExternalIdAsync(Guid outgoingId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Only once sent: a reply cut short in the middle of its parts already has an id, but is not complete.
        return await db.Outbox.Where(m => m.Id == outgoingId && m.SentAt != null).Select(m => m.ExternalId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Messages given up on, latest failure first, for admins.</summary>
    public async Task<IReadOnlyList<OutgoingMessage>> ListFailedAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Outbox.AsNoTracking()
            .Where(m => m.FailedAt != null)
            .OrderByDescending(m => m.FailedAt)
            .Take(max)
            .ToListAsync(cancellationToken);
    }
}
