using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OppBot.Domain.Conversations;

namespace OppBot.Bot.Tests.Playground;

/// <summary>
/// The Direct Line API as Web Chat calls it, against the whole host (the real conversation core, delivery loop and
/// transcript), in-process. One host per test: each test has the demo people to itself.
/// </summary>
public sealed partial class DirectLineEndpointsTests : IAsyncLifetime
{
    private readonly PlaygroundFactory _factory = new();
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
    public async Task StartConversation_FirstTime_ShowsWhatOppBotCanDoOnce()
    {
        var chat = (await _factory.SessionAsync(_client, "demo-rep-1")).Chat;

        var started = await _client.SendAsync(chat.Request(HttpMethod.Post, "/v3/directline/conversations", new { locale = "zh-CN" }));

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(chat.Id, (string?)(await started.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]);
        await chat.WaitForBotAsync(_client, IsHelp);

        // Started again (a page reload), then a message: its answer comes with nothing more before it.
        await _client.SendAsync(chat.Request(HttpMethod.Post, "/v3/directline/conversations"));
        await chat.SayAsync(_client, "我的商机");
        await chat.WaitForBotAsync(_client, a => DirectLineActivities.AllText(a).Contains("暂无商机", StringComparison.Ordinal));
        var (all, _) = await chat.ActivitiesAsync(_client);
        Assert.Single(all, IsHelp);

        // The demo people exist from the start, and OppBot greets people once: the playground asks for help instead.
        static bool IsHelp(JsonObject a) => DirectLineActivities.AllText(a).Contains("OppBot 能做什么", StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostActivity_Message_IsEchoedAsTheTokensUserWithItsClientId()
    {
        // Web Chat marks a message sent when its echo (same clientActivityID, with an id) comes back.
        var chat = (await _factory.SessionAsync(_client, "demo-rep-2")).Chat;

        var id = await chat.SayAsync(_client, "help", clientActivityId: "client-42");

        var (activities, watermark) = await chat.ActivitiesAsync(_client);
        var echo = Assert.Single(activities, a => (string?)a["id"] == id);
        Assert.Equal("user", (string?)echo["from"]!["role"]);
        Assert.Equal("demo-rep-2", (string?)echo["from"]!["id"]); // not "someone-else", which the client claimed
        Assert.Equal("client-42", (string?)echo["channelData"]!["clientActivityID"]);
        Assert.NotNull((string?)echo["timestamp"]);
        Assert.Equal("help", (string?)echo["text"]);
        Assert.True(long.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task PostActivity_Help_AnswersWithTheTeamsCardWithSubmitButtons()
    {
        var chat = (await _factory.SessionAsync(_client, "demo-rep-2")).Chat;

        await chat.SayAsync(_client, "help");

        var reply = await chat.WaitForBotAsync(_client, a => DirectLineActivities.Card(a) is { } card && card["actions"] is not null);
        var card = DirectLineActivities.Card(reply)!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)reply["attachments"]![0]!["contentType"]);
        Assert.All(card["actions"]!.AsArray(), a => Assert.Equal("Action.Submit", (string?)a!["type"]));
        Assert.Contains(card["actions"]!.AsArray(), a => (string?)a!["data"]!["verb"] == Verbs.NewLead);
    }

    [Fact]
    public async Task PostActivity_CardButtonValue_RunsTheAction()
    {
        // What Web Chat posts for the help card's "My deals" button.
        var chat = (await _factory.SessionAsync(_client, "demo-rep-2")).Chat;

        await chat.SayAsync(_client, null, value: new { verb = Verbs.NewLead });

        var form = await chat.WaitForBotAsync(_client, a => DirectLineActivities.Card(a)?["body"]?.ToJsonString().Contains("\"id\":\"account\"", StringComparison.Ordinal) == true);
        Assert.NotNull(form);
    }

    [Theory]
    [InlineData("none")] // no Authorization header
    [InlineData("other")] // a token for another conversation (the team channel)
    [InlineData("garbage")] // not a token
    public async Task Calls_WithoutATokenForThatConversation_AreForbidden(string kind)
    {
        var session = await _factory.SessionAsync(_client, "demo-rep-1");
        var chatId = session.Chat.Id;
        var token = kind switch { "other" => session.Channel.Token, "garbage" => "a.b.c", _ => null };
        var caller = new DirectLineConversation(chatId, token!);

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/v3/directline/conversations/{chatId}/activities"),
            (HttpMethod.Post, $"/v3/directline/conversations/{chatId}/activities"),
            (HttpMethod.Get, $"/v3/directline/conversations/{chatId}"),
        })
        {
            var request = token is null ? new HttpRequestMessage(method, path) : caller.Request(method, path);
            if (method == HttpMethod.Post)
            {
                request.Content = JsonContent.Create(new { type = "message", text = "team deals" });
            }

            var response = await _client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task PostActivity_NotAnActivity_Is400()
    {
        var chat = (await _factory.SessionAsync(_client, "demo-rep-1")).Chat;
        var request = chat.Request(HttpMethod.Post, $"/v3/directline/conversations/{chat.Id}/activities");
        request.Content = new StringContent("[1,2]", System.Text.Encoding.UTF8, "application/json");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GenerateToken_AnyDirectLineClient_GetsANewConversationAndIsGreeted()
    {
        var generated = await _client.PostAsJsonAsync("/v3/directline/tokens/generate", new { user = new { id = "guest-1", name = "Guest" } });
        var body = (await generated.Content.ReadFromJsonAsync<JsonObject>())!;
        var chat = new DirectLineConversation((string)body["conversationId"]!, (string)body["token"]!);

        await _client.SendAsync(chat.Request(HttpMethod.Post, "/v3/directline/conversations"));

        await chat.WaitForBotAsync(_client, a => DirectLineActivities.AllText(a).Contains("你好 Guest", StringComparison.Ordinal));
        var refreshed = await _client.SendAsync(chat.Request(HttpMethod.Post, "/v3/directline/tokens/refresh"));
        Assert.Equal(chat.Id, (string?)(await refreshed.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]);
    }

    [Fact]
    public async Task Approval_ApprovedInWebChat_ReplacesTheManagersCardInPlace()
    {
        // The issue's story through the API: a rep captures a ¥1.5m lead, advances it to Proposal, which needs the
        // manager's approval; the manager approves on the card; the card in the manager's chat is updated in place.
        var rep = (await _factory.SessionAsync(_client, "demo-rep-2")).Chat;
        var manager = (await _factory.SessionAsync(_client, "demo-manager")).Chat;
        await rep.SayAsync(_client, null, value: new Dictionary<string, string>
        {
            ["verb"] = Verbs.SubmitLead,
            [LeadFields.Account] = "Proseware Ltd",
            [LeadFields.Title] = "Contact centre",
            [LeadFields.Amount] = "1.5m",
            [LeadFields.Contact] = "Ann Lee",
            [LeadFields.DecisionMaker] = "Bob Chen",
            [LeadFields.Need] = "true",
            [LeadFields.Budget] = "true",
        });
        var created = await rep.WaitForBotAsync(_client, a => DealNumber().IsMatch((string?)a["text"] ?? string.Empty));
        var number = DealNumber().Match((string)created["text"]!).Groups[1].Value;

        await rep.SayAsync(_client, $"advance #{number}");
        await rep.WaitForBotAsync(_client, a => ((string?)a["text"] ?? string.Empty).Contains("Qualified", StringComparison.Ordinal));
        await rep.SayAsync(_client, $"advance #{number}");
        await rep.WaitForBotAsync(_client, a => ((string?)a["text"] ?? string.Empty).Contains("needs approval", StringComparison.Ordinal));

        var request = await manager.WaitForBotAsync(_client, a => DirectLineActivities.Card(a)?["actions"]?.AsArray()
            .Any(b => (string?)b!["data"]!["verb"] == Verbs.Approve) == true && DirectLineActivities.AllText(a).Contains("#" + number, StringComparison.Ordinal));
        var (_, watermark) = await manager.ActivitiesAsync(_client);
        var approve = DirectLineActivities.Card(request)!["actions"]!.AsArray().First(b => (string?)b!["data"]!["verb"] == Verbs.Approve)!;
        await manager.SayAsync(_client, null, value: new { verb = Verbs.Approve, approval = (string?)approve["data"]!["approval"], comment = "OK" });

        var updated = await manager.WaitForBotAsync(_client, a => (string?)a["id"] == (string?)request["id"], watermark);
        var card = DirectLineActivities.Card(updated)!;
        Assert.Null(card["actions"]); // decided: no buttons any more
        Assert.Contains("已批准", card.ToJsonString(Adapters.Teams.Cards.AdaptiveCard.JsonOptions), StringComparison.Ordinal);
        Assert.Equal((string?)request["timestamp"], (string?)updated["timestamp"]);
        var (all, _) = await manager.ActivitiesAsync(_client);
        Assert.Single(all, a => (string?)a["id"] == (string?)request["id"]);
    }

    [GeneratedRegex(@"#(\d+)")]
    private static partial Regex DealNumber();
}
