using System.Threading.RateLimiting;

namespace OppBot.Adapters.Teams;

/// <summary>
/// Keeps this instance's writes to one conversation within Teams' per-thread limits (shared/reference §4.11:
/// 7 ops/1 s, 8/2 s, 60/30 s, 1800/h per bot per thread): a token bucket per conversation that holds a burst of 7
/// and refills one token every 2 seconds (0.5/s sustained, the hourly average).
/// </summary>
/// <remarks>
/// Pacing is per instance; several instances together can still exceed the limit, which is what the 429 +
/// Retry-After handling in <see cref="ConnectorClient"/> is for. Idle buckets are dropped by the partitioned limiter.
/// </remarks>
public sealed class ConversationPacer : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public ConversationPacer()
        : this(burst: 7, refillPeriod: TimeSpan.FromSeconds(2))
    {
    }

    internal ConversationPacer(int burst, TimeSpan refillPeriod)
    {
        limiter = PartitionedRateLimiter.Create<string, string>(conversationId => RateLimitPartition.GetTokenBucketLimiter(
            conversationId,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = refillPeriod,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Takes a send slot for the conversation; null when granted, otherwise how long to wait for one.</summary>
    public TimeSpan? TryTake(string conversationId)
    {
        using var lease = limiter.AttemptAcquire(conversationId);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => limiter.Dispose();
}
