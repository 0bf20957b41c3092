using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OppBot.Adapters.Teams;
using OppBot.Adapters.Teams.Auth;
using OppBot.Adapters.Teams.Cards;
using OppBot.Bot.Tests.Support;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Tests.Fakes;

namespace OppBot.Bot.Tests.Teams;

public sealed class TeamsSenderTests : IDisposable
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/apac/";
    private const string BotId = "28:11111111-2222-3333-4444-555555555555";
    private const string Tenant = "72f90000-0000-4000-8000-000000000001";

    private static readonly Card DealCard = new()
    {
        Title = "Acme",
        Facts = [new CardFact("Stage", "Lead")],
        Actions = [new CardAction("Advance", "advance") { Data = new Dictionary<string, string> { ["deal"] = "D-42" } }],
    };

    private readonly RecordingHttpHandler http = new();
    private readonly TeamsDeliveryMemory memory = new();

    public void Dispose()
    {
        memory.Dispose();
        http.Dispose();
    }

    [Fact]
    public void Channel_IsTeams()
    {
        Assert.Equal("teams", CreateSut().Channel);
    }

    [Fact]
    public async Task SendAsync_TextAndCard_PostsTextThenCardAsSeparateMessages()
    {
        var reply = Reply.FromCard(DealCard, "zh-CN", "已记录 **Acme**");

        var outcome = await CreateSut().SendAsync(Delivery(Personal(), reply), default);

        var posts = http.To(HttpMethod.Post, "/apac/v3/conversations/a%3A1chat/activities");
        Assert.Equal(2, posts.Count); // Teams splits text+attachment and the id then cannot update the card (§4.8)
        var text = JsonDocument.Parse(posts[0].Body!).RootElement;
        Assert.Equal("message", text.GetProperty("type").GetString());
        Assert.Equal("已记录 **Acme**", text.GetProperty("text").GetString());
        Assert.Equal("markdown", text.GetProperty("textFormat").GetString());
        Assert.Equal("zh-CN", text.GetProperty("locale").GetString());
        Assert.Equal(BotId, text.GetProperty("from").GetProperty("id").GetString());
        Assert.False(text.TryGetProperty("id", out _)); // bots do not send ids on new activities (§1.1)
        var card = JsonDocument.Parse(posts[1].Body!).RootElement;
        Assert.False(card.TryGetProperty("text", out _));
        var attachment = card.GetProperty("attachments").EnumerateArray().Single();
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.Equal("AdaptiveCard", attachment.GetProperty("content").GetProperty("type").GetString());
        Assert.Equal(new DeliveryOutcome.Sent("activity-2"), outcome); // the card's id: later updates replace the card
    }

    [Fact]
    public async Task SendAsync_TextOnly_ReturnsItsId()
    {
        var outcome = await CreateSut().SendAsync(Delivery(Personal(), Reply.FromText("hi", "en")), default);

        Assert.Equal(new DeliveryOutcome.Sent("activity-1"), outcome);
    }

    [Fact]
    public async Task SendAsync_ReplacesExternalId_PutsTheCardOverTheOldMessage()
    {
        var delivery = Delivery(Personal(), Reply.FromCard(DealCard, "en", "ignored on update")) with { ReplacesExternalId = "1700000000555" };

        var outcome = await CreateSut().SendAsync(delivery, default);

        var put = Assert.Single(http.Requests);
        Assert.Equal(HttpMethod.Put, put.Method);
        Assert.Equal("/apac/v3/conversations/a%3A1chat/activities/1700000000555", put.PathAndQuery);
        var body = JsonDocument.Parse(put.Body!).RootElement;
        Assert.Equal("1700000000555", body.GetProperty("id").GetString());
        Assert.Single(body.GetProperty("attachments").EnumerateArray());
        Assert.IsType<DeliveryOutcome.Sent>(outcome);
    }

    [Fact]
    public async Task SendAsync_PersonalAddressWithoutConversation_CreatesThe1To1ChatOnce()
    {
        http.When(r => r.Method == HttpMethod.Post && r.PathAndQuery == "/apac/v3/conversations",
            RecordingHttpHandler.Json(HttpStatusCode.OK, """{"id":"a:1created"}"""));
        var address = Personal(conversationId: null);
        var sut = CreateSut();

        await sut.SendAsync(Delivery(address, Reply.FromText("nudge 1", "zh-CN")), default);
        await sut.SendAsync(Delivery(address, Reply.FromText("nudge 2", "zh-CN")), default);

        var creates = http.Requests.Where(r => r.PathAndQuery == "/apac/v3/conversations").ToList();
        var create = JsonDocument.Parse(Assert.Single(creates).Body!).RootElement;
        Assert.False(create.GetProperty("isGroup").GetBoolean());
        Assert.Equal(BotId, create.GetProperty("bot").GetProperty("id").GetString());
        Assert.Equal("29:1user", create.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal(Tenant, create.GetProperty("tenantId").GetString()); // Teams needs the tenant in both places (§2.3)
        Assert.Equal(Tenant, create.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal(2, http.To(HttpMethod.Post, "/apac/v3/conversations/a%3A1created/activities").Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "BotNotInConversationRoster")] // bot removed / app not installed
    [InlineData(HttpStatusCode.Forbidden, "ConversationBlockedByUser")]  // user blocked the bot
    [InlineData(HttpStatusCode.NotFound, "ConversationNotFound")]        // stale conversation id
    [InlineData(HttpStatusCode.BadRequest, "BadArgument")]               // our payload is wrong: retrying will not help
    public async Task SendAsync_PermanentConnectorError_FailedWithTheReason(HttpStatusCode status, string code)
    {
        http.When(HttpMethod.Post, "/activities", RecordingHttpHandler.Json(status, $$$"""{"error":{"code":"{{{code}}}","message":"m"}}"""));

        var outcome = await CreateSut().SendAsync(Delivery(Personal(), Reply.FromText("hi", "en")), default);

        var failed = Assert.IsType<DeliveryOutcome.Failed>(outcome);
        Assert.Equal($"{(int)status} {code}: m", failed.Reason);
    }

    [Fact]
    public async Task SendAsync_ThrottledLongerThanTheClientWaits_RetryLaterWithRetryAfter()
    {
        http.When(HttpMethod.Post, "/activities", RecordingHttpHandler.Json(HttpStatusCode.TooManyRequests, """{"error":{"code":"Throttled"}}""", TimeSpan.FromSeconds(90)));

        var outcome = await CreateSut().SendAsync(Delivery(Personal(), Reply.FromText("hi", "en")), default);

        var later = Assert.IsType<DeliveryOutcome.RetryLater>(outcome);
        Assert.Equal(TimeSpan.FromSeconds(90), later.After);
    }

    [Fact]
    public async Task SendAsync_NetworkError_RetryLater()
    {
        http.When(HttpMethod.Post, "/activities", RecordingHttpHandler.Throws());

        var outcome = await CreateSut().SendAsync(Delivery(Personal(), Reply.FromText("hi", "en")), default);

        Assert.IsType<DeliveryOutcome.RetryLater>(outcome);
    }

    [Fact]
    public async Task SendAsync_CardFailsAfterTextWasPosted_RetryDoesNotRepostTheText()
    {
        http.When(
            r => r.Body?.Contains("attachments", StringComparison.Ordinal) == true,
            RecordingHttpHandler.Json(HttpStatusCode.InternalServerError, """{"error":{"code":"ServiceError"}}"""),
            RecordingHttpHandler.Json(HttpStatusCode.OK, """{"id":"card-id"}"""));
        var recorded = (Parts: 0, Id: (string?)null);
        var delivery = Delivery(Personal(), Reply.FromCard(DealCard, "en", "text first")) with { RecordProgress = Record };
        var sut = CreateSut();

        var first = await sut.SendAsync(delivery, default);
        // The retry, as the delivery loop makes it (on this instance or another): with the progress the outbox kept.
        var second = await sut.SendAsync(delivery with { PartsDone = recorded.Parts, ExternalIdSoFar = recorded.Id }, default);

        Assert.IsType<DeliveryOutcome.RetryLater>(first);
        Assert.Equal(1, recorded.Parts); // the text was recorded as posted before the card was tried
        Assert.Equal(new DeliveryOutcome.Sent("card-id"), second);
        Assert.Single(http.Requests, r => r.Body?.Contains("text first", StringComparison.Ordinal) == true);

        Task<bool> Record(int parts, string? id, CancellationToken cancellationToken)
        {
            recorded = (parts, id);
            return Task.FromResult(true);
        }
    }

    [Theory]
    [InlineData("wecom", """{"url":"https://smba.trafficmanager.net/apac/","conv":"a:1"}""")] // another channel's address
    [InlineData("teams", "not json")]                                                            // damaged key
    [InlineData("teams", """{"url":"https://smba.trafficmanager.net/apac/"}""")]                // neither a conversation nor a user
    public async Task SendAsync_UnusableAddress_FailedWithoutCalls(string channel, string key)
    {
        var outcome = await CreateSut().SendAsync(Delivery(new ConversationAddress(channel, key), Reply.FromText("hi", "en")), default);

        Assert.IsType<DeliveryOutcome.Failed>(outcome);
        Assert.Empty(http.Requests);
    }

    [Fact]
    public async Task SendAsync_ChannelAddress_PostsIntoTheThread()
    {
        var address = new TeamsAddress(ServiceUrl, "19:sales@thread.tacv2;messageid=1700000000555", Tenant, "channel", BotId: BotId).ToAddress();

        await CreateSut().SendAsync(Delivery(address, Reply.FromText("moved to Proposal", "en")), default);

        Assert.Equal(
            "/apac/v3/conversations/19%3Asales%40thread.tacv2%3Bmessageid%3D1700000000555/activities",
            http.Requests.Single().PathAndQuery);
    }

    private static ConversationAddress Personal(string? conversationId = "a:1chat") =>
        new TeamsAddress(ServiceUrl, conversationId, Tenant, "personal", "29:1user", "aad-1", BotId).ToAddress();

    private static Delivery Delivery(ConversationAddress address, Reply reply) => new(Guid.NewGuid(), address, reply, null);

    private TeamsSender CreateSut()
    {
        var options = Options.Create(new TeamsOptions());
        var tokens = new OutboundTokenSource(options, http, new ManualTimeProvider(), NullLogger<OutboundTokenSource>.Instance);
        var connector = new ConnectorClient(
            http.CreateClient("connector"), tokens, new ServiceUrlTrust(options), new ConversationPacer(), options, new InstantDelays(), NullLogger<ConnectorClient>.Instance);
        return new TeamsSender(connector, new AdaptiveCardRenderer(), memory, NullLogger<TeamsSender>.Instance);
    }
}
