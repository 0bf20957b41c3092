using OppBot.Bench.Support;

namespace OppBot.Bench.Chat;

/// <summary>One measured cell: a target, a scenario, a number of concurrent conversations.</summary>
internal sealed record CellResult(string Target, string Scenario, int Concurrency, int Turns, int Errors, double Seconds, double P50, double P95, double P99)
{
    public double Throughput => Turns / Seconds;
}

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> conversations, each sending its next turn as soon as the last one
/// finished, for a warm-up (not recorded) and then a fixed duration. A turn counts when it started and finished inside
/// the measured window; its latency is what the turn function returns (null = failed).
/// </summary>
internal static class LoadGenerator
{
    public delegate Task<double?> Turn(int slot, long sequence, CancellationToken cancellationToken);

    public static async Task<CellResult> RunAsync(
        string target, string scenario, int concurrency, TimeSpan warmup, TimeSpan duration, Turn turn, CancellationToken cancellationToken)
    {
        var perSecond = (double)System.Diagnostics.Stopwatch.Frequency;
        var start = Clock.Now;
        var recordFrom = start + (long)(warmup.TotalSeconds * perSecond);
        var stopAt = recordFrom + (long)(duration.TotalSeconds * perSecond);
        var errors = 0;
        var latencies = new List<double>[concurrency];
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async slot =>
        {
            // Each conversation runs on its own task so 64 conversations are 64 requests in flight.
            await Task.Yield();
            var mine = new List<double>(4096);
            for (long sequence = 0; ; sequence++)
            {
                var t0 = Clock.Now;
                if (t0 >= stopAt)
                {
                    break;
                }

                double? latency;
                try
                {
                    latency = await turn(slot, sequence, cancellationToken);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    latency = null;
                }

                // A turn counts when it started in the window and finished in it; one that failed or timed out
                // counts as an error even when it gave up after the window.
                if (t0 >= recordFrom && latency is null)
                {
                    Interlocked.Increment(ref errors);
                }
                else if (t0 >= recordFrom && Clock.Now <= stopAt)
                {
                    mine.Add(latency!.Value);
                }
            }

            latencies[slot] = mine;
        }));

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new CellResult(target, scenario, concurrency, all.Length, errors, duration.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99));
    }

    /// <summary>Nearest-rank percentile of sorted values; NaN when there are none.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
