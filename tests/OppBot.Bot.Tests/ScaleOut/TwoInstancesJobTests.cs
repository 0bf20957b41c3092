using System.Diagnostics;
using OppBot.Bot.Tests.Persistence;
using Xunit.Abstractions;

namespace OppBot.Bot.Tests.ScaleOut;

/// <summary>
/// Quartz on two instances, clustered on the shared database: a job's trigger fires on one instance, so what is due
/// once is sent once. The sweep and the review check run every two seconds here (FollowUps:SweepCron,
/// Review:CheckCron), and the review is due from Monday 00:00 of the current week on, i.e. at once.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class TwoInstancesJobTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string> EveryTwoSeconds = new()
    {
        ["FollowUps:SweepCron"] = "0/2 * * * * ?",
        ["Review:CheckCron"] = "1/2 * * * * ?",
        ["Review:Day"] = "Monday",
        ["Review:Time"] = "00:00",
    };

    [PostgresFact]
    public async Task NudgeAndWeeklyReview_DueOnce_EachSentOnceThoughBothInstancesSchedule()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(output, settings: EveryTwoSeconds);
        var watch = Stopwatch.StartNew();
        var sweepsAtStart = Sweeps(cluster);
        await cluster.PostAsync(cluster.Instances[0], cluster.Message("li", "lead Acme \"CRM rollout\" 100000 source=expo"));

        // The review is due as soon as the team exists (the lead's turn created it with li and the deal).
        await cluster.WaitForAsync<long>("SELECT count(*) FROM outbox WHERE purpose = 'Review' AND sent_at IS NOT NULL", n => n >= 1, Timeout, "the weekly review");

        // The nudge: the deal's next step is overdue, inside li's working hours (every hour of every day, so the test
        // does not depend on when it runs).
        await cluster.ExecuteAsync("UPDATE users SET working_days = '0,1,2,3,4,5,6', working_hours_start = '00:00', working_hours_end = '23:59:59.999999'");
        await cluster.ExecuteAsync("UPDATE opportunities SET next_step = 'call the CFO', next_step_due = now() - interval '1 hour', version = version + 1 WHERE number = 1");
        await cluster.WaitForAsync<long>("SELECT count(*) FROM outbox WHERE purpose = 'Nudge' AND sent_at IS NOT NULL", n => n >= 1, Timeout, "the nudge");

        // A few more runs of both jobs, on whichever instance: nothing more is due.
        var sweepsThen = Sweeps(cluster);
        await WaitUntilAsync(() => Sweeps(cluster) >= sweepsThen + 4, Timeout, "four more sweeps");
        var elapsed = watch.Elapsed;
        var sweeps = Sweeps(cluster) - sweepsAtStart;
        var reviewChecks = cluster.Instances.Sum(i => i.CountOutput("Weekly review:"));

        var nudge = await cluster.FiguresAsync("purpose = 'Nudge'");
        var review = await cluster.FiguresAsync("purpose = 'Review'");
        // Each instance checks in every 7.5 s and drops the row of one that seems late (on a busy machine, for a
        // moment): wait until both are registered rather than read it once. With one shared id it never gets to 2.
        var schedulers = await cluster.WaitForAsync<long>(
            "SELECT count(DISTINCT instance_name) FROM qrtz_scheduler_state", n => n >= 2, Timeout, "both schedulers in the Quartz cluster");
        output.WriteLine($"nudge: {nudge}");
        output.WriteLine($"weekly review: {review}");
        output.WriteLine(
            $"Quartz cluster: {schedulers} schedulers; sweeps {string.Join(", ", cluster.Instances.Select(i => $"{i.Name} {i.CountOutput("Follow-up sweep:")}"))} " +
            $"({sweeps} in {elapsed.TotalSeconds:0.0} s, triggers every 2 s), review checks {reviewChecks}");

        Assert.Equal(2, schedulers); // both instances are in the cluster, under their own ids
        Assert.True(sweeps <= (elapsed.TotalSeconds / 2) + 2, $"{sweeps} sweeps in {elapsed.TotalSeconds:0.0} s: a trigger fired on both instances");
        Assert.Equal(1, nudge.Rows); // due once: queued once ...
        Assert.Equal((1, 0, 0), (nudge.Delivered, nudge.Duplicates, nudge.Lost)); // ... and sent once
        Assert.Equal(1, review.Rows); // li's card (no broadcast channel or manager in this team)
        Assert.Equal((1, 0, 0), (review.Delivered, review.Duplicates, review.Lost));
        Assert.Equal(1, await cluster.ScalarAsync<long>("SELECT count(*) FROM processed_messages WHERE dedupe_key LIKE 'review:%'"));
        cluster.Passed();
    }

    private static int Sweeps(ScaleOutCluster cluster) => cluster.Instances.Sum(i => i.CountOutput("Follow-up sweep:"));

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < timeout, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
