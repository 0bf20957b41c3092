using Npgsql;
using OppBot.Bot.Tests.Persistence;
using OppBot.Domain.Conversations;
using Xunit.Abstractions;

namespace OppBot.Bot.Tests.ScaleOut;

/// <summary>
/// Two OppBot processes on one PostgreSQL database, behind "a load balancer" (the test posts to either): what one user
/// does through both at the same moment. To make "the same moment" certain rather than lucky, the test holds a row
/// lock that both turns need and lets go only once both are waiting for it (seen in pg_stat_activity).
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class TwoInstancesTurnTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task EditSameDeal_FromBothInstancesAtOnce_OneIsSavedTheOtherToldOfTheConflict()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(output);
        var (a, b) = (cluster.Instances[0], cluster.Instances[1]);
        await cluster.PostAsync(a, cluster.Message("li", "lead Acme \"CRM rollout\" 100000 source=expo"));
        await cluster.WaitForOutboxDrainedAsync(1, Timeout);
        var versionBefore = await cluster.ScalarAsync<int>("SELECT version FROM opportunities WHERE number = 1");

        // Both read version n; both then try to write it as n+1, and the second must not overwrite the first.
        await using (var blocker = new NpgsqlConnection(cluster.ConnectionString))
        {
            await blocker.OpenAsync();
            await using var hold = await blocker.BeginTransactionAsync();
            await new NpgsqlCommand("SELECT 1 FROM opportunities WHERE number = 1 FOR UPDATE", blocker, hold).ExecuteScalarAsync();
            var viaA = cluster.PostAsync(a, cluster.Message("li", "next #1 tomorrow 3pm call the CFO"));
            var viaB = cluster.PostAsync(b, cluster.Message("li", "next #1 friday 10am send the quote"));
            await cluster.WaitForLockWaitersAsync(2, "opportunities", Timeout);
            await hold.CommitAsync();
            await Task.WhenAll(viaA, viaB);
        }

        await cluster.WaitForOutboxDrainedAsync(3, Timeout);
        const string AfterTheLead = "created_at > (SELECT min(created_at) FROM outbox)";
        var edits = await cluster.FiguresAsync(AfterTheLead);
        var rows = (await cluster.RowsAsync($"SELECT id FROM outbox WHERE {AfterTheLead}")).Select(r => (Guid)r[0]!).ToHashSet();
        var replies = cluster.Connector.Posted.Where(c => c.RowId is { } id && rows.Contains(id)).ToList();
        var conflict = Strings.Get("en", "conflict");
        var told = replies.Where(r => r.Text == conflict).ToList();
        var saved = replies.Where(r => r.Text != conflict).ToList();
        var nextStep = await cluster.ScalarAsync<string>("SELECT next_step FROM opportunities WHERE number = 1");
        var versionAfter = await cluster.ScalarAsync<int>("SELECT version FROM opportunities WHERE number = 1");
        output.WriteLine($"concurrent edits: 2 sent, {saved.Count} saved, {told.Count} told of the conflict, lost silently {2 - saved.Count - told.Count}; replies: {edits}");
        output.WriteLine($"stored next step: '{nextStep}', version {versionBefore} -> {versionAfter}");

        Assert.Single(told); // the loser hears why nothing happened ...
        Assert.Contains(nextStep, Assert.Single(saved).Text, StringComparison.Ordinal); // ... the winner's reply shows what is stored
        Assert.Contains(nextStep, new[] { "call the CFO", "send the quote" });
        Assert.Equal(versionBefore + 1, versionAfter); // one write, not two
        Assert.Equal((2, 0, 0), (edits.Delivered, edits.Duplicates, edits.Lost));
        cluster.Passed();
    }

    [PostgresFact]
    public async Task SameActivity_PostedToBothInstancesAtOnce_HandledOnce()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(output);
        var (a, b) = (cluster.Instances[0], cluster.Instances[1]);
        await cluster.PostAsync(b, cluster.Message("wang", "lead Initech \"ERP\" 50000 source=expo")); // the number counter exists now
        await cluster.WaitForOutboxDrainedAsync(1, Timeout);

        // A person's first message (the user is created by the turn) and a known person's, each delivered twice.
        string[] users = ["zhao", "wang"];
        foreach (var user in users)
        {
            var activity = cluster.Message(user, $"lead {user}-corp \"CRM\" 80000 source=expo");
            await using var blocker = new NpgsqlConnection(cluster.ConnectionString);
            await blocker.OpenAsync();
            await using var hold = await blocker.BeginTransactionAsync();
            await new NpgsqlCommand("SELECT 1 FROM counters FOR UPDATE", blocker, hold).ExecuteScalarAsync();
            var viaA = cluster.PostAsync(a, activity);
            var viaB = cluster.PostAsync(b, activity.DeepClone().AsObject()); // the channel retried it to the other instance
            await cluster.WaitForLockWaitersAsync(2, "counters", Timeout); // both passed the "seen before?" check
            await hold.CommitAsync();
            await Task.WhenAll(viaA, viaB);
        }

        await cluster.WaitForOutboxDrainedAsync(3, Timeout);
        var deals = await cluster.RowsAsync("SELECT account, count(*) FROM opportunities GROUP BY account ORDER BY account");
        var figures = await cluster.FiguresAsync("true");
        var apology = Strings.Get("en", "error.apology");
        var apologies = cluster.Connector.Calls.Count(c => c.Text == apology);
        var replies = users.ToDictionary(u => u, u => cluster.Connector.Posted.Count(c => c.ConversationId == ScaleOutCluster.ConversationOf(u) && c.Text is not null));
        output.WriteLine($"same activity to both: deals {string.Join(", ", deals.Select(d => $"{d[0]} x{d[1]}"))}; text replies {string.Join(", ", replies.Select(r => $"{r.Key} {r.Value}"))}; apologies {apologies}");
        output.WriteLine($"all replies: {figures}");

        Assert.All(deals, d => Assert.Equal(1L, d[1])); // one deal per activity, the duplicate's rolled back
        Assert.Equal(3, deals.Count);
        Assert.Equal(1, replies["zhao"]); // the one reply to the one activity (its text; the card is a second part)
        Assert.Equal(2, replies["wang"]); // the first deal's and this one's
        Assert.Equal(0, apologies); // the instance that lost the race says nothing at all
        Assert.Equal(3, figures.Rows);
        Assert.Equal((3, 0, 0), (figures.Delivered, figures.Duplicates, figures.Lost));
        cluster.Passed();
    }
}
