using Microsoft.Extensions.Options;
using OppBot.Adapters.Persistence;
using OppBot.Domain.Webhooks;

namespace OppBot.Bot.Webhooks;

/// <summary>
/// Drains the webhook outbox (<c>webhook_deliveries</c>): claims due rows with a lease (two instances never post the
/// same row at once), POSTs each through <see cref="WebhookClient"/> and records the attempt: delivered on 2xx; else
/// retried after <see cref="WebhookOptions.FirstRetryDelay"/>, doubling up to <see cref="WebhookOptions.MaxRetryDelay"/>,
/// for as long as the receiver is down, until <see cref="WebhookOptions.GiveUpAfter"/>; failed at once when its endpoint
/// is no longer configured. Endpoints are served in parallel, so one slow receiver does not hold up the others.
/// </summary>
/// <remarks>
/// Each event gets one row per endpoint (inserted with the event), and a row is marked right after its POST; the only
/// way a receiver sees an event twice is a crash between the two, after which the row is posted again when its lease
/// expires, with the same <c>X-OppBot-Event-Id</c> for the receiver to drop it. Order is not guaranteed: a retrying
/// event does not hold back later ones (the payload carries <c>occurredAt</c>).
/// </remarks>
public sealed class WebhookSender(
    WebhookDeliveryStore deliveries,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<WebhookOptions> options,
    ILogger<WebhookSender> logger) : BackgroundService
{
    private static readonly TimeSpan CleanupEvery = TimeSpan.FromHours(1);

    private readonly WebhookOptions _options = options.Value;
    private DateTimeOffset _lastCleanup = DateTimeOffset.MinValue;

    /// <summary>This instance's name on the rows it claims.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.WebhookSenderStarted(logger, InstanceId, _options.Endpoints.Count);
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(stoppingToken);
                await CleanupAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.WebhookPassFailed(logger, ex);
            }

            if (claimed >= _options.BatchSize)
            {
                continue;
            }

            try
            {
                await Task.Delay(_options.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: claims a batch of due rows and posts them; returns how many were claimed.</summary>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var batch = await deliveries.ClaimDueAsync(InstanceId, clock.GetUtcNow(), _options.Lease, _options.BatchSize, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        // A scope per pass: the typed client comes from IHttpClientFactory fresh, so its handler is rotated as it should be.
        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<WebhookClient>();
        var byEndpoint = batch.GroupBy(d => d.Endpoint, StringComparer.OrdinalIgnoreCase).Select(g => g.OrderBy(d => d.CreatedAt).ToList()).ToList();
        await Parallel.ForEachAsync(byEndpoint, cancellationToken, async (rows, ct) =>
        {
            foreach (var row in rows)
            {
                await DeliverAsync(client, row, ct);
            }
        });
        return batch.Count;
    }

    private async Task DeliverAsync(WebhookClient client, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var endpoint = _options.Endpoints.FirstOrDefault(e => string.Equals(e.Name, delivery.Endpoint, StringComparison.OrdinalIgnoreCase));
        if (endpoint is null)
        {
            delivery.MarkFailed(null, $"The endpoint '{delivery.Endpoint}' is no longer configured.", clock.GetUtcNow());
            Log.WebhookFailed(logger, delivery.EventId, delivery.Endpoint, delivery.Attempts, delivery.LastError!);
            await SaveAsync(delivery, cancellationToken);
            return;
        }

        var result = await client.PostAsync(endpoint, delivery, cancellationToken);
        var now = clock.GetUtcNow();
        if (result.Delivered)
        {
            delivery.MarkDelivered(result.StatusCode!.Value, now);
            Log.WebhookDelivered(logger, delivery.EventId, delivery.Endpoint, delivery.Attempts);
        }
        else if (now - delivery.CreatedAt >= _options.GiveUpAfter)
        {
            delivery.MarkFailed(result.StatusCode, result.Error ?? "failed", now);
            Log.WebhookFailed(logger, delivery.EventId, delivery.Endpoint, delivery.Attempts, delivery.LastError!);
        }
        else
        {
            var next = now + Backoff(delivery.Attempts + 1);
            delivery.MarkRetry(result.StatusCode, result.Error ?? "failed", now, next);
            Log.WebhookRetry(logger, delivery.EventId, delivery.Endpoint, delivery.Attempts, delivery.LastError!, next);
        }

        await SaveAsync(delivery, cancellationToken);
    }

    /// <summary>The wait after the <paramref name="attempt"/>-th failure: the first delay, doubled each time, at most the maximum.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = TimeSpan.FromMilliseconds(Math.Min(_options.FirstRetryDelay.TotalMilliseconds * factor, _options.MaxRetryDelay.TotalMilliseconds));
        return delay;
    }

    private async Task SaveAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await deliveries.SaveAsync(delivery, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The row keeps its lease; once it expires the row is posted again (same event id) and recorded then.
            Log.WebhookOutcomeNotSaved(logger, delivery.EventId, delivery.Endpoint, ex);
        }
    }

    private async Task CleanupAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - _lastCleanup < CleanupEvery)
        {
            return;
        }

        _lastCleanup = now;
        var forgotten = await deliveries.ForgetDeliveredAsync(now - _options.KeepDeliveredFor, cancellationToken);
        if (forgotten > 0)
        {
            Log.WebhookLogTrimmed(logger, forgotten);
        }
    }
}
