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
