using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using OppBot.Adapters.WeCom;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;

namespace OppBot.Bot.Tests.WeCom;

public sealed class WeComSenderTests
{
    private const string Send = "cgi-bin/message/send";
    private const string Update = "cgi-bin/message/update_template_card";
    private const string Robot = "cgi-bin/webhook/send";

    private readonly FakeWeComApi _api = new();
    private readonly ManualClock _clock = new() { AutoAdvance = true };

    private WeComSender CreateSut()
    {
        var options = FakeWeComApi.Options();
        return new WeComSender(_api.CreateClient(_clock, options), Microsoft.Extensions.Options.Options.Create(options), _clock, NullLogger<WeComSender>.Instance);
    }

    private static OppBot.Domain.Delivery.Delivery To(string key, Reply reply, string? replaces = null) =>
        new(Guid.NewGuid(), new ConversationAddress("wecom", key), reply, replaces);

    private static Card ApprovalCard() => new()
    {
        Title = "折扣审批",
        Actions = [new CardAction("同意", "approve"), new CardAction("驳回", "reject") { Style = ActionStyle.Destructive }],
    };

    [Fact]
    public async Task Send_TextToMember_PostsMarkdownMessage()
    {
        var outcome = await CreateSut().SendAsync(To("user:zhangsan", Reply.FromText("**已保存**", "zh-CN")), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("m:MSG1"), outcome);
        var body = Assert.Single(_api.To(Send)).Json;
        Assert.Equal("zhangsan", (string)body["touser"]!);
        Assert.Equal(1000002, (int)body["agentid"]!);
        Assert.Equal("markdown", (string)body["msgtype"]!);
        Assert.Equal("**已保存**", (string)body["markdown"]!["content"]!);
    }

    [Fact]
    public async Task Send_CardToMember_ReturnsRefWithSendResponseCode()
    {
        _api.Enqueue(Send, """{"errcode":0,"errmsg":"ok","msgid":"MSGC","response_code":"RC-SEND"}""");

        var outcome = await CreateSut().SendAsync(To("user:zhangsan", Reply.FromCard(ApprovalCard(), "zh-CN")), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("m:MSGC|rc:RC-SEND|t:1700000000"), outcome);
        var body = Assert.Single(_api.To(Send)).Json;
        Assert.Equal("template_card", (string)body["msgtype"]!);
        Assert.Equal("button_interaction", (string)body["template_card"]!["card_type"]!);
    }

    [Theory]
    [InlineData(60111)] // userid not found
    [InlineData(81013)] // all recipients invalid
    public async Task Send_InvalidUser_FailsWithReason(int errcode)
    {
        _api.Enqueue(Send, $$"""{"errcode":{{errcode}},"errmsg":"invalid user"}""");

        var outcome = await CreateSut().SendAsync(To("user:ghost", Reply.FromText("hi", "zh-CN")), CancellationToken.None);

        var failed = Assert.IsType<DeliveryOutcome.Failed>(outcome);
        Assert.Contains(errcode.ToString(System.Globalization.CultureInfo.InvariantCulture), failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_Errcode0WithInvalidUser_Fails()
    {
        // Partial failure still answers errcode 0 (reference §5.2).
        _api.Enqueue(Send, """{"errcode":0,"errmsg":"ok","invaliduser":"ghost","msgid":"X"}""");

        var outcome = await CreateSut().SendAsync(To("user:ghost", Reply.FromText("hi", "zh-CN")), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Failed>(outcome);
    }

    [Fact]
    public async Task Send_CardTaskIdAlreadyUsed_IsSent()
    {
        // The same outbox row sent again: its task id exists, WeCom refuses the duplicate (42014).
        _api.Enqueue(Send, """{"errcode":42014,"errmsg":"taskid has existed"}""");

        var outcome = await CreateSut().SendAsync(To("user:zhangsan", Reply.FromCard(ApprovalCard(), "zh-CN")), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Sent>(outcome);
    }

    [Fact]
    public async Task Send_TaskIdErrorOnMarkdown_IsFailed()
    {
        _api.Enqueue(Send, """{"errcode":42014,"errmsg":"taskid has existed"}""");

        var outcome = await CreateSut().SendAsync(To("user:zhangsan", Reply.FromText("hi", "zh-CN")), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Failed>(outcome);
    }

    [Fact]
    public async Task Send_UntrustedServerIp_RetriesLaterNotFails()
    {
        // 60020: an admin adds the IP to 企业可信IP; the message must still go out then.
        _api.Enqueue(Send, """{"errcode":60020,"errmsg":"not allow to access from your ip"}""");

        var outcome = await CreateSut().SendAsync(To("user:zhangsan", Reply.FromText("hi", "zh-CN")), CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(10), Assert.IsType<DeliveryOutcome.RetryLater>(outcome).After);
    }

    [Fact]
    public async Task Send_StillThrottled_RetriesLater()
    {
        for (var i = 0; i < 3; i++)
        {
            _api.Enqueue(Send, """{"errcode":45009,"errmsg":"api freq out of limit"}""");
        }

        var outcome = await CreateSut().SendAsync(To("user:zhangsan", Reply.FromText("hi", "zh-CN")), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(60), Assert.IsType<DeliveryOutcome.RetryLater>(outcome).After);
    }

    [Fact]
    public async Task Send_RetriedAfterPartialSend_SendsOnlyTheRest()
    {
        var sut = CreateSut();
        var delivery = To("user:zhangsan", Reply.FromText(string.Join('\n', "ABC".Select(c => c + new string('华', 600))), "zh-CN"));
        _api.Enqueue(Send, """{"errcode":0,"errmsg":"ok","msgid":"P1"}""");
        _api.Enqueue(Send, () => FakeWeComApi.Json("{}", HttpStatusCode.ServiceUnavailable));

        var first = await sut.SendAsync(delivery, CancellationToken.None);
        var second = await sut.SendAsync(delivery, CancellationToken.None);

        Assert.IsType<DeliveryOutcome.RetryLater>(first);
        Assert.IsType<DeliveryOutcome.Sent>(second);
        var contents = _api.To(Send).Select(r => (string)r.Json["markdown"]!["content"]!).ToList();
        Assert.Equal(4, contents.Count); // part 1, part 2 (503), part 2, part 3: part 1 is not sent twice
        Assert.Equal(contents[1], contents[2]);
        Assert.Equal(3, contents.Distinct().Count());
    }

    [Fact]
    public async Task Send_ReplacesEarlierCard_UpdatesItAndPostsTheText()
    {
        var reply = Reply.FromCard(ApprovalCard() with { Title = "折扣审批：已同意" }, "zh-CN", text: "已同意。");

        var outcome = await CreateSut().SendAsync(To("user:lisi", reply, replaces: "m:MSGC|rc:RC-SEND|t:1699999000"), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Sent>(outcome);
        var update = Assert.Single(_api.To(Update)).Json;
        Assert.Equal("""["lisi"]""", update["userids"]!.ToJsonString());
        Assert.Equal("RC-SEND", (string)update["response_code"]!);
        Assert.Equal(1000002, (int)update["agentid"]!);
        Assert.Equal("折扣审批：已同意", (string)update["template_card"]!["main_title"]!["title"]!);
        Assert.Equal("markdown", (string)Assert.Single(_api.To(Send)).Json["msgtype"]!); // the text goes as a new message
    }

    [Fact]
    public async Task Send_ReplacesCardOlderThan72Hours_SendsNewCard()
    {
        var sentAt = _clock.GetUtcNow().AddHours(-72).ToUnixTimeSeconds();

        await CreateSut().SendAsync(To("user:lisi", Reply.FromCard(ApprovalCard(), "zh-CN"), replaces: $"m:M|rc:RC-OLD|t:{sentAt}"), CancellationToken.None);

        Assert.Empty(_api.To(Update));
        Assert.Equal("template_card", (string)Assert.Single(_api.To(Send)).Json["msgtype"]!);
    }

    [Fact]
    public async Task Send_UpdateRefused_SendsCardAsNewMessage()
    {
        // A response code works once: a second replacement of the same card cannot use it again.
        _api.Enqueue(Update, """{"errcode":40058,"errmsg":"invalid response_code"}""");

        var outcome = await CreateSut().SendAsync(To("user:lisi", Reply.FromCard(ApprovalCard(), "zh-CN"), replaces: "m:M|rc:RC-USED|t:1699999000"), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Sent>(outcome);
        Assert.Single(_api.To(Update));
        Assert.Equal("template_card", (string)Assert.Single(_api.To(Send)).Json["msgtype"]!);
    }

    [Fact]
    public async Task Send_ReplacesMarkdownMessage_SendsNew()
    {
        // Only cards can be updated; a markdown message's ref has no response code.
        await CreateSut().SendAsync(To("user:lisi", Reply.FromCard(ApprovalCard(), "zh-CN"), replaces: "m:MSG7"), CancellationToken.None);

        Assert.Empty(_api.To(Update));
        Assert.Single(_api.To(Send));
    }

    [Fact]
    public async Task Send_ReplacementWithoutCard_SendsTextOnly()
    {
        await CreateSut().SendAsync(To("user:lisi", Reply.FromText("好的", "zh-CN"), replaces: "m:M|rc:RC|t:1699999000"), CancellationToken.None);

        Assert.Empty(_api.To(Update));
        Assert.Single(_api.To(Send));
    }

    [Fact]
    public async Task Send_ReplacementCardWithoutButtons_GreysOutEarlierCardAndPostsIt()
    {
        // A decided approval card has no buttons left: the manager's card must not stay clickable (found end to end).
        var decided = new Card { Title = "折扣审批", Subtitle = "已批准：lisi", Facts = [new CardFact("金额", "¥100万")] };

        var outcome = await CreateSut().SendAsync(To("user:lisi", Reply.FromCard(decided, "zh-CN"), replaces: "m:MSGC|rc:RC-SEND|t:1699999000"), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Sent>(outcome);
        var update = Assert.Single(_api.To(Update)).Json;
        Assert.Equal("RC-SEND", (string)update["response_code"]!);
        Assert.Equal("""["lisi"]""", update["userids"]!.ToJsonString());
        Assert.Equal("已处理", (string)update["button"]!["replace_name"]!);
        Assert.Null(update["template_card"]);
        Assert.Contains("已批准：lisi", (string)Assert.Single(_api.To(Send)).Json["markdown"]!["content"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ReplacementCardWithoutButtonsThrottled_GreysOutOnceAndPostsOnce()
    {
        for (var i = 0; i < 3; i++)
        {
            _api.Enqueue(Update, """{"errcode":45033,"errmsg":"api concurrent out of limit"}""");
        }

        var sut = CreateSut();
        var delivery = To("user:lisi", Reply.FromCard(new Card { Title = "折扣审批" }, "en-US"), replaces: "m:M|rc:RC|t:1699999000");

        Assert.IsType<DeliveryOutcome.RetryLater>(await sut.SendAsync(delivery, CancellationToken.None));
        Assert.Empty(_api.To(Send)); // the card waits until its buttons are greyed out
        Assert.IsType<DeliveryOutcome.Sent>(await sut.SendAsync(delivery, CancellationToken.None));
        Assert.Equal("Done", (string)_api.To(Update)[^1].Json["button"]!["replace_name"]!);
        Assert.Single(_api.To(Send));
    }

    [Fact]
    public async Task Send_UpdateThrottled_RetriesLaterAndUpdatesOnRetry()
    {
        for (var i = 0; i < 3; i++)
        {
            _api.Enqueue(Update, """{"errcode":45033,"errmsg":"api concurrent out of limit"}""");
        }

        var sut = CreateSut();
        var delivery = To("user:lisi", Reply.FromCard(ApprovalCard(), "zh-CN"), replaces: "m:M|rc:RC|t:1699999000");

        var first = await sut.SendAsync(delivery, CancellationToken.None);
        var second = await sut.SendAsync(delivery, CancellationToken.None);

        Assert.IsType<DeliveryOutcome.RetryLater>(first);
        Assert.IsType<DeliveryOutcome.Sent>(second);
        Assert.Equal(4, _api.To(Update).Count);
        Assert.Empty(_api.To(Send)); // not posted as a new card while the update may still work
    }

    [Fact]
    public async Task Send_31stMessageInAMinuteToOneMember_WaitsInsteadOfBeingDropped()
    {
        // WeCom silently drops more than 30 app messages a minute to one member (reference §5.6).
        var sut = CreateSut();
        for (var i = 0; i < 30; i++)
        {
            Assert.IsType<DeliveryOutcome.Sent>(await sut.SendAsync(To("user:zhangsan", Reply.FromText($"{i}", "zh-CN")), CancellationToken.None));
        }

        var late = await sut.SendAsync(To("user:zhangsan", Reply.FromText("31", "zh-CN")), CancellationToken.None);
        var otherMember = await sut.SendAsync(To("user:lisi", Reply.FromText("1", "zh-CN")), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var afterAMinute = await sut.SendAsync(To("user:zhangsan", Reply.FromText("31", "zh-CN")), CancellationToken.None);

        var retry = Assert.IsType<DeliveryOutcome.RetryLater>(late);
        Assert.True(retry.After > TimeSpan.Zero && retry.After <= TimeSpan.FromMinutes(1));
        Assert.IsType<DeliveryOutcome.Sent>(otherMember);
        Assert.IsType<DeliveryOutcome.Sent>(afterAMinute);
        Assert.Equal(32, _api.To(Send).Count);
    }

    [Fact]
    public async Task Send_ToRobot_PostsMarkdownToTeamWebhook()
    {
        var outcome = await CreateSut().SendAsync(To("robot:east", Reply.FromCard(ApprovalCard(), "zh-CN")), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent(null), outcome);
        var post = Assert.Single(_api.To(Robot));
        Assert.Equal("robot-key-east", post.Query["key"]);
        Assert.Equal("markdown", (string)post.Json["msgtype"]!);
        Assert.StartsWith("**折扣审批**", (string)post.Json["markdown"]!["content"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ToUnknownRobot_FailsNamingTheTeam()
    {
        var outcome = await CreateSut().SendAsync(To("robot:west", Reply.FromText("hi", "zh-CN")), CancellationToken.None);

        Assert.Contains("west", Assert.IsType<DeliveryOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Send_RobotOverLimit_CombinesWaitingRepliesIntoOneDigest()
    {
        var sut = CreateSut();
        for (var i = 0; i < 20; i++)
        {
            await sut.SendAsync(To("robot:east", Reply.FromText($"消息{i}", "zh-CN")), CancellationToken.None);
        }

        var a = To("robot:east", Reply.FromText("迟到A", "zh-CN"));
        var b = To("robot:east", Reply.FromText("迟到B", "zh-CN"));
        var waitA = await sut.SendAsync(a, CancellationToken.None);
        var waitB = await sut.SendAsync(b, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var retryB = await sut.SendAsync(b, CancellationToken.None); // B's retry comes first and takes A along
        var retryA = await sut.SendAsync(a, CancellationToken.None);

        Assert.IsType<DeliveryOutcome.RetryLater>(waitA);
        Assert.IsType<DeliveryOutcome.RetryLater>(waitB);
        Assert.IsType<DeliveryOutcome.Sent>(retryB);
        Assert.IsType<DeliveryOutcome.Sent>(retryA);
        var posts = _api.To(Robot);
        Assert.Equal(21, posts.Count);
        Assert.Equal("迟到A\n\n迟到B", (string)posts[^1].Json["markdown"]!["content"]!); // in the order they came
    }

    [Fact]
    public async Task Send_RobotDigestFails_WaitingReplyIsNotLost()
    {
        var sut = CreateSut();
        for (var i = 0; i < 20; i++)
        {
            await sut.SendAsync(To("robot:east", Reply.FromText($"消息{i}", "zh-CN")), CancellationToken.None);
        }

        var a = To("robot:east", Reply.FromText("迟到A", "zh-CN"));
        var b = To("robot:east", Reply.FromText("迟到B", "zh-CN"));
        await sut.SendAsync(a, CancellationToken.None);
        await sut.SendAsync(b, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        _api.Enqueue(Robot, () => FakeWeComApi.Json("{}", HttpStatusCode.BadGateway));

        var failedDigest = await sut.SendAsync(b, CancellationToken.None);
        var retryA = await sut.SendAsync(a, CancellationToken.None);

        Assert.IsType<DeliveryOutcome.RetryLater>(failedDigest);
        Assert.IsType<DeliveryOutcome.Sent>(retryA);
        Assert.Contains("迟到A", (string)_api.To(Robot)[^1].Json["markdown"]!["content"]!, StringComparison.Ordinal); // A really went out
    }

    [Fact]
    public async Task Send_RobotRemoved_Fails()
    {
        _api.Enqueue(Robot, """{"errcode":93000,"errmsg":"invalid webhook url"}""");

        var outcome = await CreateSut().SendAsync(To("robot:east", Reply.FromText("hi", "zh-CN")), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Failed>(outcome);
    }

    [Fact]
    public async Task Send_ToAppChat_PostsMarkdownToAppChat()
    {
        var outcome = await CreateSut().SendAsync(To("chat:opp42acme", Reply.FromCard(ApprovalCard(), "zh-CN")), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Sent>(outcome);
        var body = Assert.Single(_api.To("cgi-bin/appchat/send")).Json;
        Assert.Equal("opp42acme", (string)body["chatid"]!);
        Assert.Equal("markdown", (string)body["msgtype"]!); // app chats have no template cards
    }

    [Theory]
    [InlineData("teams", "user:zhangsan")] // another channel's address
    [InlineData("wecom", "zhangsan")] // no kind
    public async Task Send_NotAWeComAddress_Fails(string channel, string key)
    {
        var outcome = await CreateSut().SendAsync(new OppBot.Domain.Delivery.Delivery(Guid.NewGuid(), new ConversationAddress(channel, key), Reply.FromText("hi", "zh-CN"), null), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Failed>(outcome);
    }

    [Fact]
    public async Task Send_CardWeComCannotShow_FailsWithoutCalling()
    {
        var card = new Card
        {
            Title = "新建商机",
            Inputs = [new CardInput("name", "客户", InputType.Text) { Required = true }],
            Actions = [new CardAction("保存", "save")],
        };

        var outcome = await CreateSut().SendAsync(To("user:zhangsan", Reply.FromCard(card, "zh-CN")), CancellationToken.None);

        Assert.StartsWith("cannot render", Assert.IsType<DeliveryOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Send_EmptyReply_Fails()
    {
        var outcome = await CreateSut().SendAsync(To("user:zhangsan", new Reply()), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Failed>(outcome);
    }

    [Fact]
    public void Channel_Is_wecom()
    {
        Assert.Equal("wecom", CreateSut().Channel);
    }

    [Theory]
    [InlineData("m:123")] // a markdown message
    [InlineData("m:123|rc:R%7CC|t:1700000000")] // a card with its send-time response code
    [InlineData("m:|rc:RC|t:1700000000")] // no msgid, still updatable
    public void MessageRefFormat_RoundTrips(string text)
    {
        Assert.True(WeComMessageRef.TryParse(text, out var reference));
        Assert.Equal(text, reference.Format());
    }
}
