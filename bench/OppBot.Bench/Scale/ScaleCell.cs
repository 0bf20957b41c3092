using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OppBot.Adapters.Persistence;
using OppBot.Bench.Support;
using OppBot.Domain;
using OppBot.Domain.Analytics;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Scheduling;

namespace OppBot.Bench.Scale;

/// <summary>What one scale cell measured.</summary>
/// <param name="Seconds">Wall time of the operation.</param>
/// <param name="ComputeSeconds">For reports: the pure computation once the deals were loaded.</param>
/// <param name="PeakMb">The process's peak resident memory (VmHWM), runtime included.</param>
/// <param name="Detail">What the operation reported (nudges queued, teams posted, deals loaded …).</param>
internal sealed record ScaleCellResult(double Seconds, double? ComputeSeconds, double PeakMb, string Detail);

/// <summary>
/// One scheduler or report measurement, run in a process of its own so its peak memory is its own:
/// <c>scale-cell sweep|review|reports sqlite|pg &lt;file or connection string&gt; &lt;result.json&gt;</c>.
/// It calls the domain exactly as the jobs and the chat do, on OppBot's EF store.
/// </summary>
internal static class ScaleCell
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (op, provider, target, resultPath) = (args[1], args[2], args[3], args[4]);
        var db = provider == "pg" ? BenchDb.Postgres(target) : BenchDb.Sqlite(target);
        var settings = DomainSettings.Default;
        await db.MigrateAsync(cancellationToken); // a cached database from an older schema gets the newer versions
        await using var context = db.CreateDbContext();
        var store = new EfOppBotStore(context);

        // The model is built and the connection opened before the clock starts (a running host has both).
        await store.GetTeamAsync("team-0", cancellationToken);
        var started = Stopwatch.GetTimestamp();
        double? compute = null;
        string detail;
        switch (op)
        {
            case "sweep":
                var sweep = await new FollowUpSweep(store, settings, new SchedulingSettings()).RunAsync(ScaleSeed.Now, cancellationToken);
                detail = $"{sweep.DealsScanned} scanned, {sweep.NudgesQueued} nudges, {sweep.Escalations} escalations";
                break;
            case "review":
                var review = await new WeeklyReview(store, settings, new SchedulingSettings()).RunDueAsync(ScaleSeed.Now, cancellationToken);
                detail = $"{review.Posted} teams posted, {review.MessagesQueued} messages";
                break;
            case "reports":
                // As an admin's pipeline and report do: every deal, page by page, then the pure computations.
                var deals = new List<Opportunity>();
                int? cursor = null;
                while (true)
                {
                    var page = await store.FindOpportunitiesAsync(new OpportunityFilter { AfterNumber = cursor, Limit = 1000 }, cancellationToken);
                    deals.AddRange(page);
                    if (page.Count < 1000)
                    {
                        break;
                    }

                    cursor = page[^1].Number;
                }

                var computing = Stopwatch.GetTimestamp();
                var zone = TimeZones.FindOrDefault("Asia/Shanghai");
                var funnel = Funnel.Compute(deals, settings, ScaleSeed.Now);
                var forecast = Forecast.Compute(deals, settings, ScaleSeed.Now, zone, 1_000_000m);
                compute = Stopwatch.GetElapsedTime(computing).TotalSeconds;
                detail = string.Create(CultureInfo.InvariantCulture, $"{deals.Count} deals, weighted {funnel.WeightedForecast:N0}, month {forecast.Month.Weighted:N0}");
                break;
            default:
                throw new ArgumentException($"Unknown scale cell '{op}'.");
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var result = new ScaleCellResult(seconds, compute, ProcessMemory.PeakMb(Environment.ProcessId) ?? double.NaN, detail);
        await File.WriteAllTextAsync(resultPath, JsonSerializer.Serialize(result), cancellationToken);
        return 0;
    }
}
