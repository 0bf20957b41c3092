namespace OppBot.Bot.Tests.WeCom;

/// <summary>
/// A clock the test sets and advances: wall time, the monotonic timestamp and timers move together.
/// With <see cref="AutoAdvance"/> a timer (Task.Delay) moves the clock by its due time and fires at once, and the
/// delay is recorded in <see cref="Delays"/>, so back-off can be asserted without waiting.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;
    private long _ticks = 1_000_000;

    public ManualClock()
        : this(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000))
    {
    }

    public bool AutoAdvance { get; init; }

    public List<TimeSpan> Delays { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _ticks;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            _ticks += by.Ticks;
            due = _timers.Where(t => t.DueAt <= _ticks).ToList();
            _timers.RemoveAll(due.Contains);
        }

        foreach (var timer in due)
        {
            ThreadPool.QueueUserWorkItem(_ => timer.Fire());
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            Delays.Add(dueTime);
            timer.DueAt = _ticks + dueTime.Ticks;
            if (dueTime != Timeout.InfiniteTimeSpan && !AutoAdvance)
            {
                _timers.Add(timer);
            }
        }

        if (AutoAdvance && dueTime != Timeout.InfiniteTimeSpan)
        {
            Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ => timer.Fire());
        }

        return timer;
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public long DueAt { get; set; }

        public void Fire()
        {
            if (!_disposed)
            {
                callback(state);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                DueAt = clock._ticks + dueTime.Ticks;
            }

            return true;
        }

        public void Dispose() => _disposed = true;

        public ValueTask DisposeAsync()
        {
            _disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
