using System.Diagnostics;
using OppBot.Bot.Tests.Persistence;
using Xunit.Abstractions;

namespace OppBot.Bot.Tests.ScaleOut;

/// <summary>
/// The outbox drained by two instances when things go wrong: one instance dies in the middle of a batch, or the Bot
/// Connector is down for a while. Every row and part is counted at the fake connector by the outbox id the sender
/// puts in <c>X-OppBot-Delivery</c>.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class TwoInstancesDeliveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [PostgresFact]
    public async Task KillOneInstanceMidBatch_TheOtherFinishesIt_NothingLostNothingSentTwice()
    {
        // The batch is the sweep's: eight reps' nudges, queued in one transaction and claimed at once by the instance
        // that ran the sweep (its loop is woken by the job). Each nudge is two posts (text, then the deal's card).
        const int Reps = 8;
        var slow = TimeSpan.FromMilliseconds(700);
        await using var cluster = await ScaleOutCluster.StartAsync(output, settings: new Dictionary<string, string>
        {
            ["FollowUps:SweepCron"] = "0/2 * * * * ?",
            ["Delivery:Lease"] = "00:00:08",
            ["Delivery:MaxParallelConversations"] = "4",
        });
        var reps = Enumerable.Range(0, Reps).Select(i => $"rep{i}").ToList();
        await cluster.PostAsync(cluster.Instances[0], Lead(cluster, reps[0])); // the first creates the team, then the others join it
        await Task.WhenAll(reps.Skip(1).Select((rep, i) => cluster.PostAsync(cluster.Instances[i % 2], Lead(cluster, rep))));
        await cluster.WaitForOutboxDrainedAsync(Reps, Timeout);
        Assert.Equal(Reps, await cluster.ScalarAsync<long>("SELECT count(*) FROM opportunities"));

        cluster.Connector.Delay = slow;
        var postedBefore = cluster.Connector.Posted.Count;
        await cluster.ExecuteAsync("UPDATE users SET working_days = '0,1,2,3,4,5,6', working_hours_start = '00:00', working_hours_end = '23:59:59.999999'");
        await cluster.ExecuteAsync("UPDATE opportunities SET next_step = 'call back', next_step_due = now() - interval '1 hour', version = version + 1");
        var owner = await cluster.WaitForAsync<string>(
            "SELECT coalesce(min(lease_owner), '') FROM outbox WHERE purpose = 'Nudge'", o => o.Length > 0, Timeout, "the nudges to be claimed");
        var victim = cluster.Instances.Single(i => owner.Contains($":{i.ProcessId}:", StringComparison.Ordinal));
        var survivor = cluster.Instances.Single(i => i != victim);

        // Kill it while posts are in flight, but not in the instant between an answer and its mark: at least one post
        // answered a moment ago (so it is recorded), none about to be answered (so none is answered to a dead caller).
        await cluster.Connector.WaitUntilAsync(
            c =>
            {
                var now = c.Elapsed;
                var inFlight = c.InFlightSince;
                return c.Posted.Count > postedBefore
                    && inFlight.Count > 0
                    && inFlight.All(started => now - started < slow - TimeSpan.FromMilliseconds(250))
                    && c.LastAnsweredAt is { } last && now - last > TimeSpan.FromMilliseconds(150);
            },
            Timeout,
            "a moment with posts in flight");
        victim.Kill();
        var killedAt = Stopwatch.StartNew();
        var leftBehind = await cluster.ScalarAsync<long>(
            $"SELECT count(*) FROM outbox WHERE purpose = 'Nudge' AND sent_at IS NULL AND lease_owner LIKE '%:{victim.ProcessId}:%'");
        var postedByVictim = cluster.Connector.Posted.Count - postedBefore;

        await cluster.WaitForAsync<long>(
            "SELECT count(*) FROM outbox WHERE purpose = 'Nudge' AND sent_at IS NULL", n => n == 0, Timeout, "the survivor to finish the batch");
        var figures = await cluster.FiguresAsync("purpose = 'Nudge'");
        output.WriteLine(
            $"killed {victim.Name} (pid {victim.ProcessId}) after {postedByVictim} posts, leaving {leftBehind} of {Reps} nudges unsent; " +
            $"{survivor.Name} finished them {killedAt.Elapsed.TotalSeconds:0.0} s later");
        output.WriteLine($"nudges: {figures}");

        Assert.True(leftBehind >= 2, $"{victim.Name} was not in the middle of a batch ({leftBehind} rows left)"); // the scenario happened
        Assert.True(figures.InDoubt >= 1, "no post was in flight when the instance died"); // ... with posts in flight
        Assert.Equal(Reps, figures.Rows);
        Assert.Equal((Reps, 0, 0), (figures.Delivered, figures.Duplicates, figures.Lost));
        cluster.Passed();
    }

    private static System.Text.Json.Nodes.JsonObject Lead(ScaleOutCluster cluster, string rep) =>
        cluster.Message(rep, $"lead {rep}-corp \"CRM\" 100000 source=expo");

    [PostgresFact]
    public async Task ConnectorDownForAWhile_EverythingDeliveredOnceAndInOrderAfterItReturns()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(output);
        var (a, b) = (cluster.Instances[0], cluster.Instances[1]);
        var users = Enumerable.Range(0, 4).Select(i => $"user{i}").ToList();
        await cluster.PostAsync(a, cluster.Message(users[0], "help")); // the first creates the team, then the others join it
        await Task.WhenAll(users.Skip(1).Select((user, i) => cluster.PostAsync(cluster.Instances[i % 2], cluster.Message(user, "help"))));
        await cluster.WaitForOutboxDrainedAsync(users.Count, Timeout);
        Assert.Equal(users.Count, await cluster.ScalarAsync<long>("SELECT count(*) FROM users"));
        var since = await cluster.ScalarAsync<DateTime>("SELECT max(created_at) FROM outbox");

        // While the connector is down, each user says three things, alternately through each instance: the replies to
        // one conversation are queued by both, and must still arrive in the order they were queued.
        cluster.Connector.Down = true;
        var down = Stopwatch.StartNew();
        string[] said = ["help", "my deals", "pipeline"];
        await Task.WhenAll(users.Select(async user =>
        {
            for (var i = 0; i < said.Length; i++)
            {
                await cluster.PostAsync(i % 2 == 0 ? a : b, cluster.Message(user, said[i]));
            }
        }));
        await cluster.Connector.WaitUntilAsync(c => c.Calls.Count(x => x.Status == 503 && x.RowId is not null) >= users.Count && down.Elapsed > TimeSpan.FromSeconds(4), Timeout, "refused sends");
        cluster.Connector.Down = false;
        var after = $"created_at > '{since:O}'";
        await cluster.WaitForAsync<long>($"SELECT count(*) FROM outbox WHERE {after} AND sent_at IS NULL", n => n == 0, Timeout, "everything to be delivered");

        var figures = await cluster.FiguresAsync(after);
        var queued = await cluster.RowsAsync($"SELECT address_key, id FROM outbox WHERE {after} ORDER BY created_at, id");
        var outOfOrder = 0;
        foreach (var conversation in queued.GroupBy(r => (string)r[0]!))
        {
            var order = conversation.Select(r => (Guid)r[1]!).ToList();
            var arrived = cluster.Connector.Posted.Where(c => c.RowId is { } id && order.Contains(id)).Select(c => c.RowId!.Value).Distinct().ToList();
            outOfOrder += order.SequenceEqual(arrived) ? 0 : 1;
        }

        var attempts = await cluster.ScalarAsync<int>($"SELECT max(attempts) FROM outbox WHERE {after}");
        output.WriteLine($"connector down {down.Elapsed.TotalSeconds:0.0} s; replies: {figures}; most attempts on one row {attempts}; conversations out of order {outOfOrder} of {users.Count}");

        Assert.True(figures.Refused >= users.Count); // the outage was real
        Assert.Equal(users.Count * said.Length, figures.Rows);
        Assert.Equal((figures.Rows, 0, 0), (figures.Delivered, figures.Duplicates, figures.Lost));
        Assert.Equal(0, outOfOrder);
        cluster.Passed();
    }
}
