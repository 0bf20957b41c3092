namespace OppBot.Bot.Tests.Teams;

/// <summary>
/// A clock whose timers fire at once and are recorded, so retry and backoff tests neither wait nor depend on timing:
/// <c>Task.Delay(d, provider)</c> completes immediately and <see cref="Delays"/> says which waits were asked for.
/// </summary>
internal sealed class InstantDelays(DateTimeOffset now) : TimeProvider
{
    private readonly List<TimeSpan> delays = [];

    public InstantDelays()
        : this(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (delays)
            {
                return [.. delays];
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (delays)
            {
                delays.Add(dueTime);
            }

            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
