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
/// <para>Exactly once, as far as this side can: a row is marked right after its send, and only by the instance that
/// still holds its lease (a lease lost mid-send is logged and the other instance's outcome stands); a send never runs
/// past its lease; a reply sent in parts records each part before the next (<see cref="Delivery.RecordProgress"/>), so
/// no attempt repeats one. The send carries the row's stable id (<see cref="Delivery.Id"/>) for the channel adapter's
/// own de-duplication. What is left is the window between a post and its mark: a crash there sends that one message
/// again after the lease, with the same id.</para>
/// <para>Order: the claim (<see cref="OutboxStore.ClaimDueAsync"/>) hands out only the oldest pending row of a
/// conversation, and none while an earlier one is leased by any instance or waiting for its retry, so messages of
/// one conversation go one by one, oldest first, across instances. Nothing about it is kept in memory.</para>
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
    private static readonly TimeSpan SaveTimeout = TimeSpan.FromSeconds(10);

    private readonly DeliveryOptions _options = options.Value;

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

            if (claimed > 0)
            {
                // Something was sent (or given back): the next row of those conversations may be due now.
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

        // At most one row per conversation (the claim sees to it), so the rows go out side by side.
        await Parallel.ForEachAsync(
            batch,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelConversations, CancellationToken = cancellationToken },
            DeliverOneAsync);
        return batch.Count;
    }

    private async ValueTask DeliverOneAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        // A scope per send: senders may be scoped (Teams) and are not shared between parallel sends.
        await using var scope = scopes.CreateAsyncScope();
        var senders = scope.ServiceProvider.GetServices<IChannelSender>()
            .GroupBy(s => s.Channel, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
        try
        {
            await DeliverAsync(message, senders, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the row keeps its lease and is claimed again after it.
        }
        catch (Exception ex)
        {
            // Not the sender (that is caught below): recording failed. The lease expires and the row is retried.
            Log.OutcomeNotSaved(logger, message.Id, ex);
        }
    }

    private async Task DeliverAsync(OutgoingMessage message, Dictionary<string, IChannelSender> senders, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (message.LeaseUntil is { } until && until - now < _options.Lease / 4)
        {
            // Too little of the lease left to send and record safely: give it back for the next claim (ours or another's).
            Log.LeaseExpiring(logger, message.Id);
            await outbox.ReleaseAsync(message.Id, InstanceId, cancellationToken);
            return;
        }

        if (!senders.TryGetValue(message.Address.Channel, out var sender))
        {
            var reason = $"No sender is configured for channel '{message.Address.Channel}'.";
            message.MarkFailed(reason, now);
            Log.MessageFailed(logger, message.Id, message.Address.Channel, reason);
            await SaveAsync(message);
            return;
        }

        var replaces = message.Replaces is { } earlier ? await outbox.GetExternalIdAsync(earlier, cancellationToken) : null;

        // The send must end while the lease lasts (a sender's own retries and timeouts can outlast it): past the lease
        // another instance may claim the row and send it while this one is still trying.
        var budget = (message.LeaseUntil ?? now + _options.Lease) - now - (_options.Lease / 8);
        using var leaseEnds = new CancellationTokenSource(budget, clock);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leaseEnds.Token);
        DeliveryOutcome outcome;
        try
        {
            var delivery = new Delivery(message.Id, message.Address, message.Reply, replaces)
            {
                PartsDone = message.PartsDone,
                ExternalIdSoFar = message.ExternalId,
                RecordProgress = (partsDone, externalId, _) => RecordProgressAsync(message, partsDone, externalId),
            };
            outcome = await sender.SendAsync(delivery, sending.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (leaseEnds.IsCancellationRequested)
        {
            Log.SendOutlastedLease(logger, message.Id, message.Address.Channel);
            outcome = new DeliveryOutcome.RetryLater("the send took longer than its lease", null);
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
                Log.MessageSent(logger, message.Id, channel, message.Attempts);
                break;
            case DeliveryOutcome.RetryLater retry when now - message.CreatedAt >= _options.GiveUpAfter:
                var reason = $"Given up after {message.Attempts + 1} attempts over {_options.GiveUpAfter}: {retry.Reason}";
                message.MarkFailed(reason, now);
                Log.MessageFailed(logger, message.Id, channel, reason);
                break;
            case DeliveryOutcome.RetryLater retry:
                var next = now + (retry.After is { } after && after > TimeSpan.Zero ? after : Backoff(message.Attempts + 1));
                message.MarkRetry(retry.Reason, next);
                Log.MessageRetry(logger, message.Id, channel, retry.Reason, message.Attempts, next);
                break;
            case DeliveryOutcome.Failed failed:
                message.MarkFailed(failed.Reason, now);
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

    // A reply in several channel messages: each part is recorded before the next goes, so no attempt repeats it.
    private Task<bool> RecordProgressAsync(OutgoingMessage message, int partsDone, string? externalId)
    {
        message.MarkProgress(partsDone, externalId);
        return SaveAsync(message);
    }

    // Recording must survive shutdown (the send already happened), so it has its own timeout instead of the stopping
    // token, and a second try for a database blip. Only while this instance holds the lease: if it expired and another
    // instance claimed the row meanwhile, that instance records the row's fate and ours is dropped.
    private async Task<bool> SaveAsync(OutgoingMessage message)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = new CancellationTokenSource(SaveTimeout, clock);
            try
            {
                if (await outbox.SaveAsync(message, InstanceId, timeout.Token))
                {
                    return true;
                }

                Log.LeaseLost(logger, message.Id, message.SentAt is not null);
                return false;
            }
            catch (Exception ex) when (attempt < 3 && ex is not InvalidOperationException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), clock);
            }
        }
    }
}
