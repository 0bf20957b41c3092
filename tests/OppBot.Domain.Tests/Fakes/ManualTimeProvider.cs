namespace OppBot.Domain.Tests.Fakes;

/// <summary>
/// A clock the test sets and moves: <see cref="GetUtcNow"/> returns what was set, <see cref="Advance"/> moves it.
/// Timers are not faked (Task.Delay through this provider waits real time); tests that need instant delays
/// use a provider of their own.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly object gate = new();
    private DateTimeOffset now = start;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    public override TimeZoneInfo LocalTimeZone => TimeZone;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        lock (gate)
        {
            now = value;
        }
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (gate)
        {
            now += by;
        }
    }
}
