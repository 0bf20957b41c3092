using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OppBot.Adapters.Teams;
using OppBot.Adapters.Teams.Auth;
using OppBot.Adapters.Teams.Protocol;
using OppBot.Bot.Tests.Support;
using OppBot.Domain.Tests.Fakes;

namespace OppBot.Bot.Tests.Teams;

/// <summary>Connector REST routes (shared/reference §2), retries (§4.11) and where the token goes (§3.5).</summary>
public sealed class ConnectorClientTests : IDisposable
{
    private const string TokenUrl = "http://127.0.0.1/token";
    private static readonly Uri Amer = new("https://smba.trafficmanager.net/amer/");
    private const string ThreadId = "19:abc@thread.tacv2;messageid=17/00";

    private readonly RecordingHttpHandler http = new();
    private readonly InstantDelays delays = new();

    public ConnectorClientTests() =>
        http.When(r => r.Uri.AbsoluteUri == TokenUrl, RecordingHttpHandler.Json(HttpStatusCode.OK, """{"access_token":"bot-token","expires_in":3600}"""));

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task SendToConversationAsync_TeamsIds_KeepsRegionPathAndEscapesEachSegmentOnce()
    {
        var result = await CreateSut().SendToConversationAsync(Amer, ThreadId, Message("hi"), default);

        Assert.True(result.IsSuccess);
        var request = Assert.Single(http.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        // ':' '@' ';' '=' and '/' inside the id are escaped; /amer/ is kept (pitfalls #10).
        Assert.Equal("/amer/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D17%2F00/activities", request.PathAndQuery);
        Assert.Equal("activity-1", result.Value!.Id);
    }

    [Fact]
    public async Task SendToConversationAsync_Body_IsCamelCaseWithoutNulls()
    {
        await CreateSut().SendToConversationAsync(Amer, ThreadId, Message("hi"), default);

        var body = http.Requests.Single().Body!;
        Assert.Equal("""{"type":"message","text":"hi"}""", body);
        Assert.StartsWith("application/json", http.Requests.Single().ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyToActivityAsync_PostsToTheActivityAndSetsReplyToId()
    {
        await CreateSut().ReplyToActivityAsync(Amer, "a:1xyz", "1700000000001", Message("hi"), default);

        var request = Assert.Single(http.Requests);
        Assert.Equal("/amer/v3/conversations/a%3A1xyz/activities/1700000000001", request.PathAndQuery);
        Assert.Equal("1700000000001", JsonDocument.Parse(request.Body!).RootElement.GetProperty("replyToId").GetString());
    }

    [Fact]
    public async Task UpdateActivityAsync_PutsTheWholeActivityWithItsId()
    {
        var result = await CreateSut().UpdateActivityAsync(Amer, "a:1xyz", "1700000000555", Message("updated"), default);

        Assert.True(result.IsSuccess);
        var request = Assert.Single(http.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/amer/v3/conversations/a%3A1xyz/activities/1700000000555", request.PathAndQuery);
        Assert.Equal("1700000000555", JsonDocument.Parse(request.Body!).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task DeleteActivityAsync_DeletesWithoutBody()
    {
        http.When(HttpMethod.Delete, "/activities/", RecordingHttpHandler.Status(HttpStatusCode.OK));

        var result = await CreateSut().DeleteActivityAsync(Amer, "a:1xyz", "1700000000555", default);

        Assert.True(result.IsSuccess);
        var request = Assert.Single(http.Requests);
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Null(request.Body);
    }

    [Fact]
    public async Task CreateConversationAsync_PostsParametersToConversations()
    {
        http.When(HttpMethod.Post, "/v3/conversations", RecordingHttpHandler.Json(HttpStatusCode.Created, """{"id":"a:1new"}"""));
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = "28:bot" },
            Members = [new ChannelAccount { Id = "29:user" }],
            TenantId = "tenant-1",
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo("tenant-1") },
        };

        var result = await CreateSut().CreateConversationAsync(Amer, parameters, default);

        Assert.Equal("a:1new", result.Value!.Id);
        var request = Assert.Single(http.Requests);
        Assert.Equal("/amer/v3/conversations", request.PathAndQuery);
        Assert.Equal(
            """{"isGroup":false,"bot":{"id":"28:bot"},"members":[{"id":"29:user"}],"tenantId":"tenant-1","channelData":{"tenant":{"id":"tenant-1"}}}""",
            request.Body);
    }

    [Fact]
    public async Task GetConversationMembersAsync_ReturnsTheRoster()
    {
        http.When(HttpMethod.Get, "/members", RecordingHttpHandler.Json(HttpStatusCode.OK,
            """[{"id":"29:a","name":"Li Wei","aadObjectId":"aad-a","email":"li@contoso.example"},{"id":"29:b","name":"Anna"}]"""));

        var result = await CreateSut().GetConversationMembersAsync(Amer, "19:team@thread.tacv2", default);

        Assert.Equal(["29:a", "29:b"], result.Value!.Select(m => m.Id));
        Assert.Equal("/amer/v3/conversations/19%3Ateam%40thread.tacv2/members", http.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        http.When(HttpMethod.Post, "/activities",
            RecordingHttpHandler.Json(HttpStatusCode.TooManyRequests, """{"error":{"code":"Throttled","message":"slow down"}}""", TimeSpan.FromSeconds(2)),
            RecordingHttpHandler.Json(HttpStatusCode.Created, """{"id":"after-throttle"}"""));

        var result = await CreateSut().SendToConversationAsync(Amer, "a:1xyz", Message("hi"), default);

        Assert.Equal("after-throttle", result.Value!.Id);
        Assert.Equal(2, http.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], delays.Delays);
    }

    [Fact]
    public async Task SendAsync_RetryAfterLongerThanMaxDelay_HandsTheWaitBack()
    {
        http.When(HttpMethod.Post, "/activities", RecordingHttpHandler.Json(HttpStatusCode.TooManyRequests, "{}", TimeSpan.FromSeconds(60)));

        var result = await CreateSut().SendToConversationAsync(Amer, "a:1xyz", Message("hi"), default);

        Assert.Single(http.Requests); // no 60 s wait inside the call: the delivery loop reschedules
        Assert.Empty(delays.Delays);
        Assert.True(result.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(60), result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_503_RetriedWithGrowingBackoff()
    {
        http.When(HttpMethod.Post, "/activities",
            RecordingHttpHandler.Status(HttpStatusCode.ServiceUnavailable),
            RecordingHttpHandler.Status(HttpStatusCode.ServiceUnavailable),
            RecordingHttpHandler.Json(HttpStatusCode.OK, """{"id":"finally"}"""));

        var result = await CreateSut().SendToConversationAsync(Amer, "a:1xyz", Message("hi"), default);

        Assert.Equal("finally", result.Value!.Id);
        Assert.Equal(3, http.Requests.Count);
        Assert.Equal(2, delays.Delays.Count);
        Assert.InRange(delays.Delays[0], TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1.2)); // 1 s ± 20 % jitter
        Assert.InRange(delays.Delays[1], TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(2.4)); // then 2 s ± 20 %
    }

    [Fact]
    public async Task SendAsync_Still503AfterMaxRetries_ReturnsTransientFailure()
    {
        http.When(HttpMethod.Post, "/activities", RecordingHttpHandler.Status(HttpStatusCode.ServiceUnavailable));

        var result = await CreateSut().SendToConversationAsync(Amer, "a:1xyz", Message("hi"), default);

        Assert.Equal(4, http.Requests.Count); // 1 + MaxRetries (3)
        Assert.False(result.IsSuccess);
        Assert.True(result.IsTransient);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.StatusCode);
    }

    [Fact]
    public async Task SendAsync_PostAnswered502_NotRepeatedButTransient()
    {
        // A 502 after a POST may mean it was posted: repeating could post twice (§4.11).
        http.When(HttpMethod.Post, "/activities", RecordingHttpHandler.Status(HttpStatusCode.BadGateway));

        var result = await CreateSut().SendToConversationAsync(Amer, "a:1xyz", Message("hi"), default);

        Assert.Single(http.Requests);
        Assert.True(result.IsTransient);
    }

    [Fact]
    public async Task UpdateActivityAsync_Answered502_RetriedBecausePutIsIdempotent()
    {
        http.When(HttpMethod.Put, "/activities/",
            RecordingHttpHandler.Status(HttpStatusCode.BadGateway),
            RecordingHttpHandler.Json(HttpStatusCode.OK, """{"id":"1700000000555"}"""));

        var result = await CreateSut().UpdateActivityAsync(Amer, "a:1xyz", "1700000000555", Message("x"), default);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, http.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_403BotNotInRoster_PermanentWithTheCode()
    {
        http.When(HttpMethod.Post, "/activities", RecordingHttpHandler.Json(HttpStatusCode.Forbidden,
            """{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}"""));

        var result = await CreateSut().SendToConversationAsync(Amer, "a:1xyz", Message("hi"), default);

        Assert.Single(http.Requests);
        Assert.False(result.IsTransient);
        Assert.Equal("BotNotInConversationRoster", result.ErrorCode);
        Assert.Equal("403 BotNotInConversationRoster: The bot is not part of the conversation roster.", result.Describe());
    }

    [Fact]
    public async Task SendAsync_403MessageWritesBlockedShape_ReadsTheErrorCode()
    {
        // Teams' other 403 body shape (§2.4): {"errorCode":209,"message":"…"}.
        http.When(HttpMethod.Post, "/activities", RecordingHttpHandler.Json(HttpStatusCode.Forbidden,
            """{"errorCode":209,"message":"{\"subCode\":\"MessageWritesBlocked\"}"}"""));

        var result = await CreateSut().SendToConversationAsync(Amer, "a:1xyz", Message("hi"), default);

        Assert.Equal("209", result.ErrorCode);
        Assert.False(result.IsTransient);
    }

    [Fact]
    public async Task SendAsync_PostNetworkError_NotRepeatedButTransient()
    {
        http.When(HttpMethod.Post, "/activities", RecordingHttpHandler.Throws());

        var result = await CreateSut().SendToConversationAsync(Amer, "a:1xyz", Message("hi"), default);

        Assert.Single(http.Requests);
        Assert.Equal(LocalErrors.Network, result.ErrorCode);
        Assert.Null(result.StatusCode);
        Assert.True(result.IsTransient);
    }

    [Fact]
    public async Task SendTypingAsync_Throttled_NotRetried()
    {
        http.When(HttpMethod.Post, "/activities", RecordingHttpHandler.Json(HttpStatusCode.TooManyRequests, "{}", TimeSpan.FromSeconds(1)));

        var result = await CreateSut().SendTypingAsync(Amer, "a:1xyz", new Activity { Type = "typing" }, default);

        Assert.False(result.IsSuccess);
        Assert.Single(http.Requests); // a typing indicator is best effort: it never holds up a turn
        Assert.Empty(delays.Delays);
    }

    [Fact]
    public async Task SendAsync_AuthenticationOff_SendsNoToken()
    {
        await CreateSut().SendToConversationAsync(Amer, "a:1xyz", Message("hi"), default);

        Assert.Null(http.Requests.Single().Authorization);
    }

    [Fact]
    public async Task SendAsync_AuthenticationOnTrustedHost_SendsBearerFetchedOnce()
    {
        var sut = CreateSut(auth: true);

        await sut.SendToConversationAsync(Amer, "a:1xyz", Message("one"), default);
        await sut.SendToConversationAsync(Amer, "a:1xyz", Message("two"), default);

        var sends = http.To(HttpMethod.Post, "/v3/conversations/");
        Assert.All(sends, r => Assert.Equal("Bearer bot-token", r.Authorization));
        Assert.Single(http.Requests, r => r.Uri.AbsoluteUri == TokenUrl);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net.evil.example/amer/")] // look-alike host
    [InlineData("https://attacker.trafficmanager.net/amer/")]          // anyone can create a Traffic Manager profile
    [InlineData("http://smba.trafficmanager.net/amer/")]               // the right host without TLS
    public async Task SendAsync_AuthenticationOnUntrustedHost_SendsNothing(string serviceUrl)
    {
        var result = await CreateSut(auth: true).SendToConversationAsync(new Uri(serviceUrl), "a:1xyz", Message("hi"), default);

        Assert.Empty(http.Requests); // neither the token nor the message leaves
        Assert.Equal(LocalErrors.UntrustedServiceUrl, result.ErrorCode);
        Assert.False(result.IsTransient);
    }

    [Fact]
    public async Task SendAsync_AuthenticationOnHostSeenOnValidatedActivity_SendsToken()
    {
        var trust = Trust();
        trust.TrustValidated(new Uri("http://127.0.0.1:5099/"));

        await CreateSut(auth: true, trust: trust).SendToConversationAsync(new Uri("http://127.0.0.1:5099/"), "a:1xyz", Message("hi"), default);

        Assert.Equal("Bearer bot-token", http.To(HttpMethod.Post, "/v3/conversations/").Single().Authorization);
    }

    [Fact]
    public async Task SendAsync_Connector401_RefreshesTokenAndRetriesOnce()
    {
        var handler = new RecordingHttpHandler()
            .When(r => r.Uri.AbsoluteUri == TokenUrl,
                RecordingHttpHandler.Json(HttpStatusCode.OK, """{"access_token":"stale","expires_in":3600}"""),
                RecordingHttpHandler.Json(HttpStatusCode.OK, """{"access_token":"fresh","expires_in":3600}"""))
            .When(r => r.Authorization == "Bearer stale", RecordingHttpHandler.Status(HttpStatusCode.Unauthorized));

        var result = await CreateSut(auth: true, handler: handler).SendToConversationAsync(Amer, "a:1xyz", Message("hi"), default);

        Assert.True(result.IsSuccess);
        Assert.Equal(["Bearer stale", "Bearer fresh"], handler.To(HttpMethod.Post, "/v3/conversations/").Select(r => r.Authorization));
    }

    [Fact]
    public async Task SendAsync_TokenEndpointDown_TransientWithoutSending()
    {
        var handler = new RecordingHttpHandler().When(r => r.Uri.AbsoluteUri == TokenUrl, RecordingHttpHandler.Status(HttpStatusCode.ServiceUnavailable));

        var result = await CreateSut(auth: true, handler: handler).SendToConversationAsync(Amer, "a:1xyz", Message("hi"), default);

        Assert.Equal(LocalErrors.TokenUnavailable, result.ErrorCode);
        Assert.True(result.IsTransient);
        Assert.Empty(handler.To(HttpMethod.Post, "/v3/conversations/"));
    }

    [Fact]
    public async Task SendAsync_ConversationOverItsPace_RefusedLocallyOthersUnaffected()
    {
        using var pacer = new ConversationPacer(burst: 2, refillPeriod: TimeSpan.FromHours(1));
        var sut = CreateSut(pacer: pacer);

        await sut.SendToConversationAsync(Amer, "a:busy", Message("1"), default);
        await sut.SendToConversationAsync(Amer, "a:busy", Message("2"), default);
        var third = await sut.SendToConversationAsync(Amer, "a:busy", Message("3"), default);
        var elsewhere = await sut.SendToConversationAsync(Amer, "a:quiet", Message("1"), default);

        Assert.Equal(LocalErrors.Paced, third.ErrorCode);
        Assert.True(third.IsTransient);
        Assert.NotNull(third.RetryAfter);
        Assert.True(elsewhere.IsSuccess);
        Assert.Equal(3, http.Requests.Count);
    }

    private static Activity Message(string text) => new() { Type = "message", Text = text };

    private static ServiceUrlTrust Trust() => new(Options.Create(new TeamsOptions()));

    private ConnectorClient CreateSut(bool auth = false, RecordingHttpHandler? handler = null, ServiceUrlTrust? trust = null, ConversationPacer? pacer = null)
    {
        handler ??= http;
        var options = Options.Create(new TeamsOptions
        {
            MicrosoftAppId = auth ? TestTokens.AppId : "",
            MicrosoftAppPassword = "secret",
            TokenEndpoint = TokenUrl,
        });
        var tokens = new OutboundTokenSource(options, handler, new ManualTimeProvider(), NullLogger<OutboundTokenSource>.Instance);
        return new ConnectorClient(
            handler.CreateClient("connector"), tokens, trust ?? Trust(), pacer ?? new ConversationPacer(), options, delays, NullLogger<ConnectorClient>.Instance);
    }
}
