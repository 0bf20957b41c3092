using Microsoft.EntityFrameworkCore;
using OppBot.Domain.Webhooks;

namespace OppBot.Adapters.Persistence;

/// <summary>
/// The webhook outbox as the sender sees it: claim due rows with a lease, record each attempt, read the delivery log,
/// and forget delivered rows once they are old. A singleton; every call uses a short-lived context of its own.
/// </summary>
public sealed class WebhookDeliveryStore(IDbContextFactory<OppBotDbContext> contexts)
{
    /// <summary>
    /// Claims up to <paramref name="max"/> pending rows due at <paramref name="now"/> whose lease is absent or expired,
    /// for <paramref name="instanceId"/> until <paramref name="now"/> + <paramref name="lease"/>; oldest due first. As
    /// <see cref="OutboxStore.ClaimDueAsync"/>: PostgreSQL skips rows locked by another claimer, SQLite serialises writers.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDelivery>> ClaimDueAsync(string instanceId, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deliveries = db.Set<WebhookDelivery>();
        var due = db.IsSqlite
            ? await deliveries
                .Where(d => d.DeliveredAt == null && d.FailedAt == null && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil <= now))
                .OrderBy(d => d.NextAttemptAt)
                .Take(max)
                .ToListAsync(cancellationToken)
            : await deliveries
                .FromSql($"""
                    SELECT * FROM webhook_deliveries
                    WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= {now.ToUniversalTime()}
                      AND (lease_until IS NULL OR lease_until <= {now.ToUniversalTime()})
                    ORDER BY next_attempt_at
                    LIMIT {max}
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken);
        foreach (var delivery in due)
        {
            delivery.Claim(instanceId, now + lease);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due;
    }

    /// <summary>Records an attempt (after <see cref="WebhookDelivery.MarkDelivered"/>, <c>MarkRetry</c> or <c>MarkFailed</c>): only the delivery columns.</summary>
    /// <exception cref="InvalidOperationException">The row does not exist.</exception>
    public async Task SaveAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.Set<WebhookDelivery>()
            .Where(d => d.Id == delivery.Id)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(d => d.Attempts, delivery.Attempts)
                    .SetProperty(d => d.NextAttemptAt, delivery.NextAttemptAt)
                    .SetProperty(d => d.LastAttemptAt, delivery.LastAttemptAt)
                    .SetProperty(d => d.LastStatusCode, delivery.LastStatusCode)
                    .SetProperty(d => d.LastError, delivery.LastError)
                    .SetProperty(d => d.DeliveredAt, delivery.DeliveredAt)
                    .SetProperty(d => d.FailedAt, delivery.FailedAt)
                    .SetProperty(d => d.LeaseOwner, delivery.LeaseOwner)
                    .SetProperty(d => d.LeaseUntil, delivery.LeaseUntil),
                cancellationToken);
        if (updated == 0)
        {
            throw new InvalidOperationException($"Webhook delivery {delivery.Id} does not exist.");
        }
    }

    /// <summary>
    /// The delivery log, newest first: optionally of one endpoint, one team's deals, one status; at most
    /// <paramref name="max"/> rows.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDelivery>> ListAsync(string? endpoint, string? teamId, WebhookDeliveryStatus? status, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<WebhookDelivery>().AsNoTracking();
        if (endpoint is not null)
        {
            query = query.Where(d => d.Endpoint == endpoint);
        }

        if (teamId is not null)
        {
            query = query.Where(d => d.TeamId == teamId);
        }

        query = status switch
        {
            WebhookDeliveryStatus.Pending => query.Where(d => d.DeliveredAt == null && d.FailedAt == null),
            WebhookDeliveryStatus.Delivered => query.Where(d => d.DeliveredAt != null),
            WebhookDeliveryStatus.Failed => query.Where(d => d.FailedAt != null),
            _ => query,
        };
        return await query.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).Take(max).ToListAsync(cancellationToken);
    }

    /// <summary>Deletes delivered rows created before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> ForgetDeliveredAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<WebhookDelivery>().Where(d => d.DeliveredAt != null && d.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
