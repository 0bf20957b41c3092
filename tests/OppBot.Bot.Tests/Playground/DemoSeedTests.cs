using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OppBot.Domain;
using OppBot.Domain.Opportunities;
using OppBot.Domain.Pipeline;

namespace OppBot.Bot.Tests.Playground;

/// <summary>The demo data (<c>Playground:Demo=true</c>, or <c>--demo</c>): seeded once, and enough to show at once.</summary>
public sealed class DemoSeedTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Demo = new() { ["Playground:Demo"] = "true" };

    private readonly PlaygroundFactory _factory = new(Demo);
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Start_WithDemo_SeedsDealsInEveryStageWithStalledOnesAndAWaitingApproval()
    {
        var deals = await DealsAsync(_factory);
        var now = _factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var settings = _factory.Services.GetRequiredService<DomainSettings>();

        Assert.True(deals.Count >= 12, $"{deals.Count} deals");
        Assert.Superset(
            new HashSet<string> { "lead", "qualified", "proposal", "negotiation", PipelineDefinition.WonCode, PipelineDefinition.LostCode },
            deals.Select(d => d.StageCode).ToHashSet());
        Assert.Contains(deals, d => d.IsStalled(settings, now));
        Assert.Contains(deals, d => d.IsOverdue(now));
        Assert.Contains(deals, d => d.InPool);
        Assert.Contains(deals, d => d.FollowUps.Count > 0 && d.StageHistory.Count > 2);
        await using var scope = _factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IOppBotStore>();
        var waiting = await Task.WhenAll(deals.Select(d => store.GetPendingApprovalAsync(d.Id, default)));
        Assert.Single(waiting, a => a is not null);
    }

    [Fact]
    public async Task Start_WithDemoAgain_SeedsNothingMore()
    {
        var first = (await DealsAsync(_factory)).Count;

        await using var restarted = new PlaygroundFactory(Demo, _factory.DatabasePath);

        Assert.Equal(first, (await DealsAsync(restarted)).Count);
    }

    [Fact]
    public async Task Manager_WithDemo_FindsTheWaitingApprovalCardInTheirChat()
    {
        var chat = (await _factory.SessionAsync(_client, "demo-manager")).Chat;

        var card = await chat.WaitForBotAsync(_client, a => DirectLineActivities.AllText(a).Contains("审批：#", StringComparison.Ordinal));

        Assert.Contains(DirectLineActivities.Card(card)!["actions"]!.AsArray(), b => (string?)b!["title"] == "批准");
    }

    [Fact]
    public async Task Pipeline_WithDemo_ShowsTheFunnelAtOnce()
    {
        var chat = (await _factory.SessionAsync(_client, "demo-rep-1")).Chat;

        await chat.SayAsync(_client, "漏斗");

        var funnel = await chat.WaitForBotAsync(_client, a => DirectLineActivities.Card(a)?.ToJsonString().Contains("ColumnSet", StringComparison.Ordinal) == true);
        Assert.Contains("商务谈判", DirectLineActivities.AllText(funnel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo-manager", "报表", "招商银行")] // the weekly report: the stalled negotiation is in its top five
    [InlineData("demo-rep-2", "review", "Tailspin Toys")] // the rep's open deals, the biggest first
    public async Task ReportAndReview_WithDemo_ShowTheTeamsWorkAtOnce(string person, string command, string expected)
    {
        var chat = (await _factory.SessionAsync(_client, person)).Chat;

        await chat.SayAsync(_client, command);

        await chat.WaitForBotAsync(_client, a => DirectLineActivities.Card(a) is not null && DirectLineActivities.AllText(a).Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunJobs_WithDemo_RemindsRepsAndPostsTheReviewInTheTeamChannel()
    {
        var session = await _factory.SessionAsync(_client, "demo-rep-1");

        var response = await _client.PostAsync("/playground/jobs/run", null);
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.True((int)result["sweep"]!["nudgesQueued"]! > 0, result.ToJsonString());
        Assert.Equal(1, (int)result["review"]!["teams"]!);
        await session.Channel.WaitForBotAsync(_client, a => DirectLineActivities.Card(a) is not null);
        await session.Chat.WaitForBotAsync(_client, a => DirectLineActivities.AllText(a).Contains("小米科技", StringComparison.Ordinal));
    }

    private static async Task<List<Opportunity>> DealsAsync(PlaygroundFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IOppBotStore>();
        return (await store.FindOpportunitiesAsync(new OpportunityFilter { TeamId = "demo" }, default)).ToList();
    }
}
