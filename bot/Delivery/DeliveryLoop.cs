using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OppBot.Adapters.Persistence;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;

// The parent namespace, not OppBot.Bot.Delivery: a namespace of that name would hide the domain's Delivery type
// from all code under OppBot.Bot (tests included).
namespace OppBot.Bot;

/// <summary>
/// Drains the outbox: claims due rows with a lease (so two instances never send the same row at once), hands each to
/// the <see cref="IChannelSender"/> of its address's channel and records what happened: sent (with the channel's id of
/// the message), retry later (exponential backoff from <see cref="DeliveryOptions.FirstRetryDelay"/> up to
/// <see cref="DeliveryOptions.MaxRetryDelay"/>, or when the channel said), or failed for good with the reason.
/// Woken by <see cref="DeliverySignal"/>, and looks every <see cref="DeliveryOptions.PollInterval"/> anyway for rows
/// whose retry time came and for rows queued by code that does not poke it.
/// </summary>
/// <remarks>
/// <para>Exactly once, as far as this side can: a row is marked right after its send, one row at a time, and the send
/// carries the row's stable id (<see cref="Delivery.Id"/>) for the channel adapter's own de-duplication. What is left
/// is the window between a send and its mark (a crash there sends the row again after the lease, with the same id).</para>
/// <para>Order: messages of one conversation are sent one by one, oldest first. When one must wait (retry later), the
/// later ones of that conversation wait with it instead of overtaking it. That bookkeeping is per instance; with several
/// instances (PostgreSQL) rows of one conversation claimed by different instances are ordered only by their due time.</para>
/// <para>Nothing escapes: every failure is caught per message and logged, and a failed pass is retried at the next poll.</para>
/// </remarks>
public sealed class DeliveryLoop(
    OutboxStore outbox,
    IServiceScopeFactory scopes,
    DeliverySignal signal,
    TimeProvider clock,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryLoop> logger) : BackgroundService
{
    private const string WaitingReason = "Waiting for an earlier message to the same conversation.";

    private static readonly TimeSpan SaveTimeout = TimeSpan.FromSeconds(10);

    private readonly DeliveryOptions _options = options.Value;

    // Conversations whose oldest pending message is waiting for a retry: later messages wait behind it.
    private readonly ConcurrentDictionary<ConversationAddress, Hold> _holds = new();

    /// <summary>This instance's name on the rows it claims: machine, process and a GUID (two loops in one process differ).</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.DeliveryStarted(logger, InstanceId);
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.DeliveryPassFailed(logger, ex);
            }

            if (claimed >= _options.BatchSize)
            {
                // A full batch: more is probably due.
                continue;
            }

            try
            {
                await signal.WaitAsync(_options.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: claims a batch of due rows and delivers them; returns how many were claimed.</summary>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var batch = await outbox.ClaimDueAsync(InstanceId, clock.GetUtcNow(), _options.Lease, _options.BatchSize, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var conversations = batch
            .GroupBy(m => m.Address)
            .Select(g => g.OrderBy(m => m.CreatedAt).ThenBy(m => m.NextAttemptAt).ToList())
            .ToList();
        await Parallel.ForEachAsync(
            conversations,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelConversations, CancellationToken = cancellationToken },
            DeliverConversationAsync);
        return batch.Count;
    }

    private async ValueTask DeliverConversationAsync(List<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        // A scope per conversation: senders may be scoped (Teams) and are not shared between parallel sends.
        await using var scope = scopes.CreateAsyncScope();
        var senders = scope.ServiceProvider.GetServices<IChannelSender>()
            .GroupBy(s => s.Channel, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
        foreach (var message in messages)
        {
            try
            {
                await DeliverAsync(message, senders, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: the rest keep their lease and are claimed again after it.
                return;
            }
            catch (Exception ex)
            {
                // Not the sender (that is caught below): recording failed. The lease expires and the row is retried.
                Log.OutcomeNotSaved(logger, message.Id, ex);
            }
        }
    }

    private async Task DeliverAsync(OutgoingMessage message, Dictionary<string, IChannelSender> senders, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (message.LeaseUntil is { } until && until - now < _options.Lease / 4)
        {
            // Too little of the lease left to send and record safely: another claim (ours or another instance's) sends it.
            Log.LeaseExpiring(logger, message.Id);
            return;
        }

        if (_holds.TryGetValue(message.Address, out var hold) && now - hold.Until > 2 * _options.Lease)
        {
            // The held message was not seen again (another instance sent it): stop holding the others.
            _holds.TryRemove(new KeyValuePair<ConversationAddress, Hold>(message.Address, hold));
            hold = null;
        }

        if (hold is not null && hold.MessageId != message.Id && message.CreatedAt >= hold.CreatedAt)
        {
            Log.WaitingForEarlier(logger, message.Id);
            message.MarkRetry(WaitingReason, Later(hold.Until, now));
            await SaveAsync(message);
            return;
        }

        if (!senders.TryGetValue(message.Address.Channel, out var sender))
        {
            var reason = $"No sender is configured for channel '{message.Address.Channel}'.";
            message.MarkFailed(reason, now);
            Release(message);
            Log.MessageFailed(logger, message.Id, message.Address.Channel, reason);
            await SaveAsync(message);
            return;
        }

        var replaces = message.Replaces is { } earlier ? await outbox.GetExternalIdAsync(earlier, cancellationToken) : null;
        DeliveryOutcome outcome;
        try
        {
            outcome = await sender.SendAsync(new Delivery(message.Id, message.Address, message.Reply, replaces), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Senders report channel failures as values; an exception is a bug or an outage: try again later.
            Log.SenderThrew(logger, message.Id, message.Address.Channel, ex);
            outcome = new DeliveryOutcome.RetryLater(ex.GetType().Name, null);
        }

        Record(message, outcome, clock.GetUtcNow());
        await SaveAsync(message);
    }

    private void Record(OutgoingMessage message, DeliveryOutcome outcome, DateTimeOffset now)
    {
        var channel = message.Address.Channel;
        switch (outcome)
        {
            case DeliveryOutcome.Sent sent:
                message.MarkSent(sent.ExternalId, now);
                Release(message);
                Log.MessageSent(logger, message.Id, channel, message.Attempts);
                break;
            case DeliveryOutcome.RetryLater retry when now - message.CreatedAt >= _options.GiveUpAfter:
                var reason = $"Given up after {message.Attempts + 1} attempts over {_options.GiveUpAfter}: {retry.Reason}";
                message.MarkFailed(reason, now);
                Release(message);
                Log.MessageFailed(logger, message.Id, channel, reason);
                break;
            case DeliveryOutcome.RetryLater retry:
                var next = now + (retry.After is { } after && after > TimeSpan.Zero ? after : Backoff(message.Attempts + 1));
                message.MarkRetry(retry.Reason, next);
                _holds[message.Address] = new Hold(message.Id, message.CreatedAt, next);
                Log.MessageRetry(logger, message.Id, channel, retry.Reason, message.Attempts, next);
                break;
            case DeliveryOutcome.Failed failed:
                message.MarkFailed(failed.Reason, now);
                Release(message);
                Log.MessageFailed(logger, message.Id, channel, failed.Reason);
                break;
            default:
                throw new InvalidOperationException($"Unknown delivery outcome {outcome.GetType().Name}.");
        }
    }

    /// <summary>The wait after the <paramref name="attempt"/>-th failure: first delay × 2^(attempt-1), at most the max.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var ticks = Math.Min(_options.FirstRetryDelay.Ticks * factor, _options.MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    // The row waiting behind another goes right after it: claims are ordered by due time.
    private static DateTimeOffset Later(DateTimeOffset holdUntil, DateTimeOffset now) =>
        (holdUntil > now ? holdUntil : now).AddMilliseconds(1);

    private void Release(OutgoingMessage message)
    {
        if (_holds.TryGetValue(message.Address, out var hold) && hold.MessageId == message.Id)
        {
            _holds.TryRemove(new KeyValuePair<ConversationAddress, Hold>(message.Address, hold));
        }
    }

    // Recording must survive shutdown (the send already happened), so it has its own timeout instead of the stopping
    // token, and a second try for a database blip.
    private async Task SaveAsync(OutgoingMessage message)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = new CancellationTokenSource(SaveTimeout, clock);
            try
            {
                await outbox.SaveAsync(message, timeout.Token);
                return;
            }
            catch (Exception ex) when (attempt < 3 && ex is not InvalidOperationException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), clock);
            }
        }
    }

    private sealed record Hold(Guid MessageId, DateTimeOffset CreatedAt, DateTimeOffset Until);
}
