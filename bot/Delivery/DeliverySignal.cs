using System.Threading.Channels;

// The parent namespace, not OppBot.Bot.Delivery: a namespace of that name would hide the domain's Delivery type
// from all code under OppBot.Bot (tests included).
namespace OppBot.Bot;

/// <summary>
/// Wakes the <see cref="DeliveryLoop"/> when something was queued in the outbox (a turn or a job saved). Pokes
/// coalesce: however many arrive while the loop is busy, it wakes once and drains everything due.
/// </summary>
public sealed class DeliverySignal
{
    private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Says that outgoing messages may be waiting. Never blocks.</summary>
    public void Notify() => _pokes.Writer.TryWrite(true);

    /// <summary>Waits until <see cref="Notify"/> is called or <paramref name="timeout"/> passes; true when poked.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        using var timer = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _pokes.Reader.ReadAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
