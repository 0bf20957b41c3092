using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OppBot.Adapters.Teams;
using OppBot.Adapters.Teams.Auth;
using OppBot.Bot.Tests.Support;
using OppBot.Domain.Conversations;

namespace OppBot.Bot.Tests.Teams;

/// <summary>
/// POST /api/messages through a minimal in-process host (AddTeamsChannel/MapTeamsChannel, TestServer) with a
/// scripted turn in place of the conversation core and the recording handler in place of the connector.
/// The end-to-end tests with the real core belong to EndToEnd/ (WebApplicationFactory&lt;Program&gt;).
/// </summary>
public sealed class TeamsEndpointTests : IAsyncDisposable
{
    private readonly RecordingHttpHandler http = new();
    private readonly List<IncomingMessage> turns = [];
    private readonly TestTokens tokens = new();
    private Func<IncomingMessage, TurnResult> turn = _ => new TurnResult([], null, false);
    private WebApplication? app;

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        tokens.Dispose();
        http.Dispose();
    }

    [Fact]
    public async Task Post_Message_RunsTheTurnAndAnswers200WithoutBody()
    {
        var response = await PostFixtureAsync("message-personal.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal("new deal Acme 50万", Assert.Single(turns).Text);
    }

    [Fact]
    public async Task Post_Message_SendsOneTypingIndicatorAndNoReply()
    {
        await PostFixtureAsync("message-personal.json");

        var sent = Assert.Single(http.To(HttpMethod.Post, "/v3/conversations/"));
        var typing = JsonDocument.Parse(sent.Body!).RootElement;
        Assert.Equal("typing", typing.GetProperty("type").GetString());
        Assert.Equal("/apac/v3/conversations/a%3A1personal-chat-scrubbed/activities", sent.PathAndQuery);
        Assert.Equal("29:1user-li-wei-scrubbed", typing.GetProperty("recipient").GetProperty("id").GetString());
        // Replies are the outbox's job: nothing else went to the connector.
    }

    [Fact]
    public async Task Post_TypingIndicatorFails_TurnStillRuns()
    {
        http.When(HttpMethod.Post, "/activities", RecordingHttpHandler.Throws());

        var response = await PostFixtureAsync("message-personal.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(turns);
    }

    [Theory]
    [InlineData("install-personal.json")]       // conversationUpdate with the bot in membersAdded
    [InlineData("installationupdate-add.json")] // installationUpdate add
    public async Task Post_Install_RunsTheTurnAsInstallWithoutTyping(string fixture)
    {
        var response = await PostFixtureAsync(fixture);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Assert.Single(turns).IsInstall);
        var lookup = Assert.Single(http.Requests); // the installer's name (below), and no typing indicator
        Assert.Equal(HttpMethod.Get, lookup.Method);
    }

    [Fact]
    public async Task Post_InstallNamesNobody_TurnGetsTheNameTeamsHasForTheMember()
    {
        // Teams' install events carry the installer's ids but no name; the greeting would show the AAD object id.
        http.When(HttpMethod.Get, "/members/", RecordingHttpHandler.Json(HttpStatusCode.OK, """{"id":"29:1user-li-wei-scrubbed","name":"Li Wei","aadObjectId":"0b1c0000-0000-4000-8000-0000000000a1"}"""));

        await PostFixtureAsync("install-personal.json");

        Assert.Equal("Li Wei", Assert.Single(turns).DisplayName);
        var lookup = Assert.Single(http.Requests);
        Assert.Equal("/apac/v3/conversations/a%3A1personal-chat-scrubbed/members/29%3A1user-li-wei-scrubbed", lookup.PathAndQuery);
    }

    [Fact]
    public async Task Post_InstallNameLookupFails_TurnStillRunsWithoutAName()
    {
        http.When(HttpMethod.Get, "/members/", RecordingHttpHandler.Json(HttpStatusCode.NotFound, """{"error":{"code":"MemberNotFoundInConversation","message":"gone"}}"""));

        var response = await PostFixtureAsync("install-personal.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", Assert.Single(turns).DisplayName);
    }

    [Theory]
    [InlineData("message-reaction.json")]  // acknowledged, nothing to do
    [InlineData("member-added-user.json")] // someone else joined
    public async Task Post_ActivityWithNothingForTheConversation_200WithoutTurn(string fixture)
    {
        var response = await PostFixtureAsync(fixture);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(turns);
    }

    [Theory]
    [InlineData("typing")]            // users typing in 1:1
    [InlineData("endOfConversation")] // rare from Teams
    [InlineData("event")]             // read receipts, meeting events
    [InlineData("someFutureType")]    // new types appear without notice (spec A2006)
    public async Task Post_OtherActivityTypes_Acknowledged(string type)
    {
        var activity = JsonNode.Parse(TeamsFixtures.Json("message-personal.json"))!;
        activity["type"] = type;

        var response = await PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(turns);
    }

    [Theory]
    [InlineData("{ not json")]                     // broken JSON
    [InlineData("")]                               // empty body
    [InlineData("[1,2]")]                          // JSON, but not an object
    [InlineData("""{"type":"message","from":"x"}""")] // a field of the wrong shape
    public async Task Post_MalformedBody_400ProblemDetails(string body)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(turns);
    }

    [Theory]
    [InlineData("type")]         // nothing to dispatch on
    [InlineData("serviceUrl")]   // nowhere to answer
    [InlineData("conversation")] // no conversation id
    [InlineData("from")]         // a message from nobody
    [InlineData("id")]           // nothing to de-duplicate by
    public async Task Post_MissingRequiredField_400NamingIt(string field)
    {
        var activity = JsonNode.Parse(TeamsFixtures.Json("message-personal.json"))!.AsObject();
        activity.Remove(field);

        var response = await PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ServiceUrlNotHttp_400()
    {
        var activity = JsonNode.Parse(TeamsFixtures.Json("message-personal.json"))!;
        activity["serviceUrl"] = "file:///etc/passwd";

        var response = await PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownInvoke_501()
    {
        var activity = JsonNode.Parse(TeamsFixtures.Json("action-execute-invoke.json"))!;
        activity["name"] = "composeExtension/query";

        var response = await PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Empty(turns);
    }

    [Fact]
    public async Task Post_CardActionWithCardUpdate_ReturnsTheCardInTheInvokeBody()
    {
        turn = m => new TurnResult([], Reply.FromCard(new Card { Title = "Approved by Anna" }, "en"), false);

        var response = await PostFixtureAsync("action-execute-invoke.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        Assert.Equal("AdaptiveCard", body.GetProperty("value").GetProperty("type").GetString());
        Assert.Contains("Approved by Anna", body.GetProperty("value").GetRawText(), StringComparison.Ordinal);
        Assert.True(Assert.Single(turns).ExpectsCardUpdate);
        Assert.Empty(http.Requests); // no typing and no connector call for invokes
    }

    [Theory]
    [InlineData("en-US", "Got it.")] // card unchanged: Teams needs a non-empty message value (pitfall #6)
    [InlineData("zh-CN", "已收到。")]
    public async Task Post_CardActionWithoutCardUpdate_ReturnsANonEmptyMessage(string locale, string expected)
    {
        var activity = JsonNode.Parse(TeamsFixtures.Json("action-execute-invoke.json"))!;
        activity["locale"] = locale;

        var response = await PostAsync(activity.ToJsonString());

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("application/vnd.microsoft.activity.message", body.GetProperty("type").GetString());
        Assert.Equal(expected, body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Post_CardActionWithoutAction_400InTheBodyAndHttp200()
    {
        var activity = JsonNode.Parse(TeamsFixtures.Json("action-execute-invoke.json"))!;
        activity["value"] = new JsonObject { ["trigger"] = "manual" };

        var response = await PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the AC spec: HTTP 200, outcome in statusCode (§4.6)
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
        Assert.Empty(turns);
    }

    [Theory]
    [InlineData("zh-CN", "抱歉，处理时出错了，请稍后再试。")]
    [InlineData("en-US", "Sorry, something went wrong. Please try again.")]
    public async Task Post_TurnThrows_Answers200AndApologisesInTheUsersLanguage(string locale, string apology)
    {
        turn = _ => throw new InvalidOperationException("database on fire: secret details");
        var activity = JsonNode.Parse(TeamsFixtures.Json("message-personal.json"))!;
        activity["locale"] = locale;

        var response = await PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the channel must not retry a poison activity forever
        var reply = http.Requests.Single(r => r.Body?.Contains("\"message\"", StringComparison.Ordinal) == true);
        Assert.Equal("/apac/v3/conversations/a%3A1personal-chat-scrubbed/activities/1700000000001", reply.PathAndQuery);
        var text = JsonDocument.Parse(reply.Body!).RootElement.GetProperty("text").GetString();
        Assert.Equal(apology, text);
        Assert.DoesNotContain(http.Requests, r => r.Body?.Contains("secret", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Post_CardActionTurnThrows_ErrorBodyWithApology()
    {
        turn = _ => throw new InvalidOperationException("boom");

        var response = await PostFixtureAsync("action-execute-invoke.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(500, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.error", body.GetProperty("type").GetString());
        Assert.Equal("Sorry, something went wrong. Please try again.", body.GetProperty("value").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_AuthOnWithoutToken_401()
    {
        await StartAsync(auth: true);

        var response = await PostAsync(TeamsFixtures.Json("message-personal.json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(turns);
    }

    [Fact]
    public async Task Post_AuthOnWithTokenForAnotherBot_401()
    {
        await StartAsync(auth: true);
        var token = tokens.Create(TimeProvider.System.GetUtcNow(), serviceUrl: "https://smba.trafficmanager.net/apac/", audience: "99999999-0000-0000-0000-000000000000");

        var response = await PostAsync(TeamsFixtures.Json("message-personal.json"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(turns);
    }

    [Fact]
    public async Task Post_AuthOnMalformedBodyWithToken_400()
    {
        await StartAsync(auth: true);

        var response = await PostAsync("{ not json", "any-token");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_AuthOnValidToken_RunsTheTurnAndTrustsTheServiceUrl()
    {
        await StartAsync(auth: true);
        const string serviceUrl = "https://connector.test.example/emea/";
        var activity = JsonNode.Parse(TeamsFixtures.Json("message-personal.json"))!;
        activity["serviceUrl"] = serviceUrl;
        var trust = app!.Services.GetRequiredService<ServiceUrlTrust>();
        Assert.False(trust.IsTrusted(new Uri(serviceUrl)));

        var response = await PostAsync(activity.ToJsonString(), tokens.Create(TimeProvider.System.GetUtcNow(), serviceUrl: serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(turns);
        Assert.True(trust.IsTrusted(new Uri(serviceUrl))); // the sender may now send the token there (§3.1 step 7)
    }

    [Fact]
    public async Task Start_InvalidBotSettings_FailsNamingTheKey()
    {
        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => StartAsync(settings: new()
        {
            ["Bot:MicrosoftAppId"] = TestTokens.AppId,
            ["Bot:MicrosoftAppPassword"] = "secret",
            ["Bot:MicrosoftAppType"] = "SingleTenant",
            ["Bot:MaxRetries"] = "99",
        }));

        Assert.Contains("Bot:MicrosoftAppTenantId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Bot:MaxRetries", ex.Message, StringComparison.Ordinal); // every problem listed, not just the first
    }

    private Task<HttpResponseMessage> PostFixtureAsync(string fixture) => PostAsync(TeamsFixtures.Json(fixture));

    private async Task<HttpResponseMessage> PostAsync(string body, string? bearer = null)
    {
        if (app is null)
        {
            await StartAsync(auth: false);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, TeamsChannel.Route)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await app!.GetTestClient().SendAsync(request);
    }

    private async Task StartAsync(bool auth = false, Dictionary<string, string?>? settings = null)
    {
        // No appsettings reload: each watcher costs an inotify instance, and parallel test hosts exhaust the
        // per-user limit (128) on a busy machine ("The configured user limit ... has been reached").
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>
        {
            ["Bot:MicrosoftAppId"] = auth ? TestTokens.AppId : "",
            ["Bot:MicrosoftAppPassword"] = auth ? "secret" : "",
            ["Bot:OpenIdMetadataUrl"] = TestTokens.MetadataUrl,
            ["Bot:TokenEndpoint"] = "http://127.0.0.1/token",
        });
        tokens.Serve(http);
        http.When(r => r.Uri.AbsoluteUri == "http://127.0.0.1/token", RecordingHttpHandler.Json(HttpStatusCode.OK, """{"access_token":"bot-token","expires_in":3600}"""));

        builder.AddTeamsChannel();
        builder.Services.AddSingleton<TeamsTurn>((_, message, _) =>
        {
            lock (turns)
            {
                turns.Add(message);
            }

            return Task.FromResult(turn(message));
        });
        builder.Services.AddHttpClient<ConnectorClient>().ConfigurePrimaryHttpMessageHandler(() => http);
        builder.Services.AddHttpClient(InboundTokenValidator.MetadataClientName).ConfigurePrimaryHttpMessageHandler(() => http);
        builder.Services.AddHttpClient(OutboundTokenSource.ClientName).ConfigurePrimaryHttpMessageHandler(() => http);

        app = builder.Build();
        app.MapTeamsChannel();
        await app.StartAsync();
    }
}
