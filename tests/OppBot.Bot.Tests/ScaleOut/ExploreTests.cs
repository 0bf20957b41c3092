using Xunit.Abstractions;
using OppBot.Bot.Tests.Persistence;

namespace OppBot.Bot.Tests.ScaleOut;

public sealed class ExploreTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Explore()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(output);
        var (a, b) = (cluster.Instances[0], cluster.Instances[1]);
        await cluster.PostAsync(a, cluster.Message("li", "lead Acme \"CRM rollout\" 100000 source=expo"));
        await Task.Delay(3000);
        await cluster.PostAsync(b, cluster.Message("li", "next #1 tomorrow 3pm call the CFO"));
        await cluster.PostAsync(b, cluster.Message("li", "log #1 met the CIO"));
        await Task.Delay(3000);
        foreach (var c in cluster.Connector.Calls) output.WriteLine($"{c.Operation} {c.ConversationId} {c.DeliveryKey} {c.Type} {c.Status} {c.Content[..Math.Min(300, c.Content.Length)]}");
        foreach (var r in await cluster.RowsAsync("select number, next_step, next_step_due, version, owner_id from opportunities")) output.WriteLine(string.Join(" | ", r));
        foreach (var r in await cluster.RowsAsync("select instance_name, last_checkin_time from qrtz_scheduler_state")) output.WriteLine(string.Join(" | ", r));
        foreach (var r in await cluster.RowsAsync("select id, purpose, created_at, sent_at, lease_owner, attempts from outbox order by created_at")) output.WriteLine(string.Join(" | ", r));
        output.WriteLine(a.Tail(30));
        output.WriteLine(b.Tail(30));
    }
}
