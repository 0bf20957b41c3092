using System.Collections.Concurrent;
using OppBot.Domain.Delivery;

namespace OppBot.Bot.Tests.Support;

/// <summary>
/// An <see cref="IChannelSender"/> that keeps every send (the botbuilder <c>TestAdapter</c> idea) and can be told to
/// fail: the next N sends answer "retry later" (a channel that is down for a while), or every send to an address key
/// answers "failed" (a user who removed the bot). Thread-safe.
/// </summary>
public sealed class RecordingChannelSender(string channel = RecordingChannelSender.DefaultChannel) : IChannelSender
{
    /// <summary>The channel served unless another is given.</summary>
    public const string DefaultChannel = "teams";

    private readonly ConcurrentQueue<(Delivery Delivery, DeliveryOutcome Outcome)> _attempts = new();
    private readonly ConcurrentDictionary<string, string> _refused = new(StringComparer.Ordinal);
    private int _failuresLeft;
    private TimeSpan? _retryAfter;

    /// <inheritdoc/>
    public string Channel { get; } = channel;

    /// <summary>Every send, in the order they were made, with what the sender answered.</summary>
    public IReadOnlyList<(Delivery Delivery, DeliveryOutcome Outcome)> Attempts => [.. _attempts];

    /// <summary>The sends that succeeded, in order.</summary>
    public IReadOnlyList<Delivery> Delivered => _attempts.Where(a => a.Outcome is DeliveryOutcome.Sent).Select(a => a.Delivery).ToList();

    /// <summary>The next <paramref name="count"/> sends answer RetryLater (with <paramref name="after"/> as the channel's hint).</summary>
    public void FailNext(int count, TimeSpan? after = null)
    {
        _retryAfter = after;
        Interlocked.Exchange(ref _failuresLeft, count);
    }

    /// <summary>Every send to <paramref name="addressKey"/> answers Failed with <paramref name="reason"/>.</summary>
    public void Refuse(string addressKey, string reason) => _refused[addressKey] = reason;

    /// <inheritdoc/>
    public Task<DeliveryOutcome> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        DeliveryOutcome outcome = _refused.TryGetValue(delivery.Address.Key, out var reason)
            ? new DeliveryOutcome.Failed(reason)
            : Interlocked.Decrement(ref _failuresLeft) >= 0
                ? new DeliveryOutcome.RetryLater("simulated outage", _retryAfter)
                : new DeliveryOutcome.Sent("ext-" + delivery.Id.ToString("N"));
        _attempts.Enqueue((delivery, outcome));
        return Task.FromResult(outcome);
    }

    /// <summary>Waits until at least <paramref name="count"/> sends succeeded; fails the test after <paramref name="timeout"/>.</summary>
    public async Task WaitForDeliveredAsync(int count, TimeSpan? timeout = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (Delivered.Count < count)
        {
            if (watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
            {
                Assert.Fail($"Expected {count} deliveries, got {Delivered.Count} after {Attempts.Count} attempts.");
            }

            await Task.Delay(20);
        }
    }
}
