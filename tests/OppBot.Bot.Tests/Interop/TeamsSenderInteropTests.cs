using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OppBot.Adapters.Teams;
using OppBot.Adapters.Teams.Auth;
using OppBot.Adapters.Teams.Cards;
using OppBot.Adapters.Teams.Protocol;
using OppBot.Bot.Tests.Support;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;

namespace OppBot.Bot.Tests.Interop;

/// <summary>
/// TeamsSender and ConnectorClient against Microsoft's own channel-side parser: botbuilder 4.23.3's
/// ChannelServiceRoutes (tests/interop/connector-channel.mjs) on 127.0.0.1 records what it understood.
/// Authentication is off on both sides (local mode).
/// </summary>
public sealed class TeamsSenderInteropTests : IDisposable
{
    private const string BotId = "28:11111111-2222-3333-4444-555555555555";
    private const string Tenant = "72f90000-0000-4000-8000-000000000001";
    private const string ThreadId = "19:sales@thread.tacv2;messageid=1700000000555";

    private readonly NodeProcess channel = NodeRunner.Start("connector-channel.mjs", "0");
    private readonly SocketsHttpHandler handler = new();
    private readonly TeamsDeliveryMemory memory = new();
    private readonly Uri serviceUrl;

    public TeamsSenderInteropTests()
    {
        var port = JsonDocument.Parse(channel.FirstLine).RootElement.GetProperty("port").GetInt32();
        serviceUrl = new Uri($"http://127.0.0.1:{port}/");
    }

    public void Dispose()
    {
        channel.Dispose();
        memory.Dispose();
        handler.Dispose();
    }

    [Fact]
    public async Task SendAsync_ReplyWithCard_BotbuilderParsesTextAndAdaptiveCardIntoTheThread()
    {
        var card = new Card { Title = "Acme", Facts = [new CardFact("阶段", "线索")], Actions = [new CardAction("推进", "advance")] };
        var address = new TeamsAddress(serviceUrl.AbsoluteUri, ThreadId, Tenant, "channel", BotId: BotId).ToAddress();

        var outcome = await CreateSut().SendAsync(new Delivery(Guid.NewGuid(), address, Reply.FromCard(card, "zh-CN", "已记录 **Acme**"), null), default);

        var text = await NextCallAsync();
        Assert.Equal("sendToConversation", text.GetProperty("op").GetString());
        Assert.Equal(ThreadId, text.GetProperty("conversationId").GetString()); // escaped once, decoded once
        Assert.Equal("已记录 **Acme**", text.GetProperty("activity").GetProperty("text").GetString());
        Assert.Equal("markdown", text.GetProperty("activity").GetProperty("textFormat").GetString());
        var cardCall = await NextCallAsync();
        var attachment = cardCall.GetProperty("activity").GetProperty("attachments")[0];
        Assert.Equal(AdaptiveCardRenderer.ContentType, attachment.GetProperty("contentType").GetString());
        Assert.Equal("AdaptiveCard", attachment.GetProperty("content").GetProperty("type").GetString());
        Assert.Equal(BotId, cardCall.GetProperty("activity").GetProperty("from").GetProperty("id").GetString());
        Assert.Equal(new DeliveryOutcome.Sent("activity-2"), outcome); // the id botbuilder answered for the card
    }

    [Fact]
    public async Task SendAsync_ReplacesExternalId_BotbuilderSeesAnUpdateOfThatActivity()
    {
        var address = new TeamsAddress(serviceUrl.AbsoluteUri, "a:1personal-chat", Tenant, "personal", "29:1user", null, BotId).ToAddress();
        var delivery = new Delivery(Guid.NewGuid(), address, Reply.FromCard(new Card { Title = "Approved" }, "en"), "1700000000555");

        var outcome = await CreateSut().SendAsync(delivery, default);

        var update = await NextCallAsync();
        Assert.Equal("updateActivity", update.GetProperty("op").GetString());
        Assert.Equal("a:1personal-chat", update.GetProperty("conversationId").GetString());
        Assert.Equal("1700000000555", update.GetProperty("activityId").GetString());
        Assert.Equal("message", update.GetProperty("activity").GetProperty("type").GetString());
        Assert.Equal(AdaptiveCardRenderer.ContentType, update.GetProperty("activity").GetProperty("attachments")[0].GetProperty("contentType").GetString());
        Assert.Equal(new DeliveryOutcome.Sent("1700000000555"), outcome);
    }

    [Fact]
    public async Task SendAsync_PersonalAddressWithoutConversation_BotbuilderSeesCreateThenSend()
    {
        var address = new TeamsAddress(serviceUrl.AbsoluteUri, null, Tenant, "personal", "29:1user", "aad-1", BotId).ToAddress();

        var outcome = await CreateSut().SendAsync(new Delivery(Guid.NewGuid(), address, Reply.FromText("提醒：Acme 已 7 天未跟进", "zh-CN"), null), default);

        var create = await NextCallAsync();
        Assert.Equal("createConversation", create.GetProperty("op").GetString());
        var parameters = create.GetProperty("parameters");
        Assert.False(parameters.GetProperty("isGroup").GetBoolean());
        Assert.Equal(BotId, parameters.GetProperty("bot").GetProperty("id").GetString());
        Assert.Equal("29:1user", parameters.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal(Tenant, parameters.GetProperty("tenantId").GetString());
        Assert.Equal(Tenant, parameters.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        var send = await NextCallAsync();
        Assert.Equal("sendToConversation", send.GetProperty("op").GetString());
        Assert.Equal("a:created-1", send.GetProperty("conversationId").GetString());
        Assert.IsType<DeliveryOutcome.Sent>(outcome);
    }

    [Fact]
    public async Task ConnectorClient_ReplyDeleteAndMembers_RoutedByBotbuilder()
    {
        var connector = CreateConnector();

        var reply = await connector.ReplyToActivityAsync(serviceUrl, "a:1personal-chat", "1700000000001", new Activity { Type = "message", Text = "抱歉" }, default);
        var delete = await connector.DeleteActivityAsync(serviceUrl, "a:1personal-chat", "1700000000002", default);
        var members = await connector.GetConversationMembersAsync(serviceUrl, "19:team@thread.tacv2", default);

        var replyCall = await NextCallAsync();
        Assert.Equal("replyToActivity", replyCall.GetProperty("op").GetString());
        Assert.Equal("1700000000001", replyCall.GetProperty("activityId").GetString());
        Assert.Equal("1700000000001", replyCall.GetProperty("activity").GetProperty("replyToId").GetString());
        Assert.Equal("deleteActivity", (await NextCallAsync()).GetProperty("op").GetString());
        Assert.Equal("19:team@thread.tacv2", (await NextCallAsync()).GetProperty("conversationId").GetString());
        Assert.True(reply.IsSuccess && delete.IsSuccess && members.IsSuccess);
        Assert.Equal("Li Wei", Assert.Single(members.Value!).Name);
    }

    private async Task<JsonElement> NextCallAsync()
    {
        var line = await channel.ReadLineAsync(NodeRunner.Timeout)
            ?? throw new InvalidOperationException("connector-channel.mjs exited. stderr:\n" + channel.StdErr);
        var call = JsonDocument.Parse(line).RootElement;
        Assert.NotEqual("unrouted", call.GetProperty("op").GetString());
        return call;
    }

    private ConnectorClient CreateConnector()
    {
        var options = Options.Create(new TeamsOptions()); // local mode: no app id, no token
        var tokens = new OutboundTokenSource(options, new NoHttp(), TimeProvider.System, NullLogger<OutboundTokenSource>.Instance);
        return new ConnectorClient(
            new HttpClient(handler, disposeHandler: false), tokens, new ServiceUrlTrust(options), new ConversationPacer(), options, TimeProvider.System,
            NullLogger<ConnectorClient>.Instance);
    }

    private TeamsSender CreateSut() => new(CreateConnector(), new AdaptiveCardRenderer(), memory, NullLogger<TeamsSender>.Instance);

    /// <summary>In local mode no token is ever fetched; a fetch would be a bug.</summary>
    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("no token fetch expected in local mode");
    }
}
