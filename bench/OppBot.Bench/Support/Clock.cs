using System.Diagnostics;

namespace OppBot.Bench.Support;

/// <summary>Stopwatch ticks, the one clock every latency here is measured with (one process, so comparable).</summary>
internal static class Clock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public static double SecondsSince(long from) => (Now - from) / (double)Stopwatch.Frequency;
}
