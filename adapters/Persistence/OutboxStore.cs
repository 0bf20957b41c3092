using Microsoft.EntityFrameworkCore;
using OppBot.Domain.Delivery;

namespace OppBot.Adapters.Persistence;

/// <summary>
/// The outbox as the delivery loop sees it: claim due rows with a lease, record what happened to each send, and list
/// what failed for admins. A singleton; every call uses a short-lived context of its own.
/// </summary>
public sealed class OutboxStore(IDbContextFactory<OppBotDbContext> contexts)
{
    /// <summary>
    /// Claims up to <paramref name="max"/> pending rows due at <paramref name="now"/> whose lease is absent or
    /// expired, leasing them to <paramref name="instanceId"/> until <paramref name="now"/> + <paramref name="lease"/>;
    /// oldest due first. Two claimers never get the same row while its lease lasts: PostgreSQL locks the rows with
    /// <c>FOR UPDATE SKIP LOCKED</c>, SQLite takes the write lock first (<c>BEGIN IMMEDIATE</c>).
    /// A row whose claimer died is offered again once the lease expires.
    /// </summary>
    public async Task<IReadOnlyList<OutgoingMessage>> ClaimDueAsync(string instanceId, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = db.IsSqlite
            ? await db.Outbox
                .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil <= now))
                .OrderBy(m => m.NextAttemptAt)
                .Take(max)
                .ToListAsync(cancellationToken)
            : await db.Outbox
                .FromSql($"""
                    SELECT * FROM outbox
                    WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= {now.ToUniversalTime()}
                      AND (lease_until IS NULL OR lease_until <= {now.ToUniversalTime()})
                    ORDER BY next_attempt_at
                    LIMIT {max}
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken);
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
    /// or <see cref="OutgoingMessage.MarkFailed"/>): only the delivery columns are written.
    /// </summary>
    /// <exception cref="InvalidOperationException">The row does not exist.</exception>
    public async Task SaveAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.Outbox
            .Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(m => m.Attempts, message.Attempts)
                    .SetProperty(m => m.NextAttemptAt, message.NextAttemptAt)
                    .SetProperty(m => m.SentAt, message.SentAt)
                    .SetProperty(m => m.FailedAt, message.FailedAt)
                    .SetProperty(m => m.FailureReason, message.FailureReason)
                    .SetProperty(m => m.ExternalId, message.ExternalId)
                    .SetProperty(m => m.LeaseOwner, message.LeaseOwner)
                    .SetProperty(m => m.LeaseUntil, message.LeaseUntil),
                cancellationToken);
        if (updated == 0)
        {
            throw new InvalidOperationException($"Outbox row {message.Id} does not exist.");
        }
    }

    /// <summary>The channel's id of a sent message (to update it in place), or null when not sent or unknown.</summary>
    public async Task<string?> GetExternalIdAsync(Guid outgoingId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Outbox.Where(m => m.Id == outgoingId).Select(m => m.ExternalId).FirstOrDefaultAsync(cancellationToken);
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
