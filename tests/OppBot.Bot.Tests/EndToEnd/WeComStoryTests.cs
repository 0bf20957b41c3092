using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OppBot.Domain.Opportunities;
using Xunit.Abstractions;
using static OppBot.Bot.Tests.EndToEnd.WeComFakeServer;

namespace OppBot.Bot.Tests.EndToEnd;

/// <summary>
/// Issue 5's "done when", told as stories: a simulated WeCom (tests/interop/wecom-client.mjs, encrypting and signing
/// with WeCom's own @wecom/crypto) calls OppBot over a real socket; OppBot answers through its outbox to a fake WeCom
/// API (<see cref="WeComFakeServer"/>), which records every call. Nothing in between is faked. After each callback the
/// test waits until the outbox is drained (polling the database, never sleeping a fixed time), then reads what reached
/// the API. Story 3 takes over a minute: its form is more messages than WeCom lets through to one member in a minute,
/// and the sender rightly holds the rest back.
/// </summary>
public sealed class WeComStoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Rep = "zhangsan";
    private const string Manager = "wangjl";

    private WeComStoryHost _host = null!;

    private WeComFakeServer Api => _host.Api;

    public async Task InitializeAsync() => _host = await WeComStoryHost.StartAsync(new Dictionary<string, string?>
    {
        ["Organization:People:0:Channel"] = "wecom",
        ["Organization:People:0:ExternalId"] = Manager,
        ["Organization:People:0:Role"] = "Manager",
        ["Organization:People:0:TeamId"] = "sales",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Story1_UrlVerification_AnswersTheDecryptedEchostr()
    {
        var results = await _host.CallbackAsync(new JsonObject { ["kind"] = "verify" });

        var verify = Assert.Single(results);
        Assert.Equal(200, verify.Status);
        Assert.True(verify.Verified, $"the body was not the echostr @wecom/crypto encrypted: '{verify.Body}'");
        Assert.StartsWith("text/plain", verify.ContentType, StringComparison.Ordinal);

        // The same with a signature @wecom/crypto did not make is refused.
        var forged = Assert.Single(await _host.CallbackAsync(new JsonObject { ["kind"] = "verify", ["tamper"] = "signature" }));
        Assert.Equal(401, forged.Status);
        Assert.False(forged.Verified);
        Assert.Empty(Api.Calls);
        output.WriteLine($"Story 1: URL verification answered {verify.Status} with the echostr ({verify.Body.Length} digits); a forged signature got {forged.Status}.");
    }

    [Theory]
    [InlineData("help")]
    [InlineData("帮助")]
    public async Task Story2_Help_ArrivesAtTheWeComApi(string word)
    {
        var cursor = Api.Count;
        var ack = await _host.SayAsync(Rep, word);
        await _host.DrainOutboxAsync();

        Assert.Equal(string.Empty, ack.Body); // acknowledged at once; the reply goes through the API
        var messages = new Exchange(Api.Calls.Skip(cursor).ToList()).Messages(Rep);
        Assert.Contains(messages, m => m.MsgType == "markdown" && m.AllText.Contains("OppBot 能做什么", StringComparison.Ordinal));
        var card = Assert.Single(messages, m => m.MsgType == "template_card");
        Assert.Equal("button_interaction", (string?)card.Card!["card_type"]);
        Assert.Contains(card.Buttons, b => b.Key == "lead.new");
        Assert.All(messages, m => Assert.Equal(_host.App.AgentId, (int)m.Json!["agentid"]!));
        Assert.Single(Api.To(GetToken)); // one token for both messages
        output.WriteLine($"Story 2: '{word}' → {messages.Count} messages to {Rep}: markdown help, then a card with buttons {string.Join(", ", card.Buttons.Select(b => b.Key))}.");
    }

    [Fact]
    public async Task Story3_LeadCapturedStepByStep_ThenCancelledMidWayInASecondRun()
    {
        var question = Question(await SayAsync(Rep, "新建商机"), step: 1);
        Assert.Contains("客户名称", question.Text, StringComparison.Ordinal);
        var total = question.Total;

        question = Question(await SayAsync(Rep, "华为"), step: 2);
        Assert.Contains("商机标题", question.Text, StringComparison.Ordinal);
        question = Question(await SayAsync(Rep, "ERP升级"), step: 3);
        Assert.Contains("金额", question.Text, StringComparison.Ordinal);
        question = Question(await SayAsync(Rep, "50万"), step: 4);
        Assert.Contains("线索来源", question.Text, StringComparison.Ordinal);

        // The source is a choice: WeCom shows it as template-card buttons, and the rep presses 展会.
        var (sourceCard, expo) = question.Button("展会");
        var exchange = await ClickAsync(Rep, sourceCard, expo);

        // Everything else is optional: skip it, alternately by text and by the card's 跳过 button.
        for (var step = 5; step <= total; step++)
        {
            question = Question(exchange, step);
            if (step % 2 == 0)
            {
                var (card, skip) = question.Button("跳过");
                exchange = await ClickAsync(Rep, card, skip);
            }
            else
            {
                exchange = await SayAsync(Rep, "跳过");
            }
        }

        var created = exchange.Text(Rep);
        Assert.Contains("已创建商机 #1", created, StringComparison.Ordinal);
        var deal = await _host.ReadAsync(store => store.GetOpportunityAsync(1, CancellationToken.None));
        Assert.NotNull(deal);
        Assert.Equal("华为", deal.Account);
        Assert.Equal("ERP升级", deal.Title);
        Assert.Equal(500_000m, deal.Amount);
        Assert.Equal("CNY", deal.Currency);
        Assert.Equal(LeadSource.Expo, deal.Source);
        Assert.Equal("lead", deal.StageCode);
        Assert.Null(deal.ContactName);
        output.WriteLine($"Story 3: lead captured in {total} questions (4 answered, {total - 4} skipped) → '{Line(created, "已创建商机")}'; #1 = {deal.Account} / {deal.Title} / {deal.Amount} {deal.Currency} / {deal.Source}.");

        // A second run, cancelled after the first answer: nothing is created and the dialog is gone.
        Question(await SayAsync(Rep, "新建商机"), step: 1);
        Question(await SayAsync(Rep, "腾讯"), step: 2);
        Assert.Contains("已取消", (await SayAsync(Rep, "取消")).Text(Rep), StringComparison.Ordinal);
        var after = (await SayAsync(Rep, "ERP升级")).Text(Rep); // no longer an answer: a command nobody knows
        Assert.Contains("没看懂", after, StringComparison.Ordinal);

        Assert.Null(await _host.ReadAsync(store => store.GetOpportunityAsync(2, CancellationToken.None)));
        var deals = await _host.ReadAsync(store => store.FindOpportunitiesAsync(new OpportunityFilter { Limit = 100 }, CancellationToken.None));
        Assert.Single(deals);
        Assert.Empty(await _host.FailedDeliveriesAsync());

        // Each question is two or three WeCom messages, more than WeCom lets through to one member in a minute (30,
        // the rest silently dropped): the sender held them back instead.
        var toRep = Api.To(Send).Where(c => c.ToUser == Rep && c.ErrCode == 0).ToList();
        Assert.True(toRep.Count > 30, $"only {toRep.Count} messages: the pacing was not exercised");
        for (var i = 0; i + 30 < toRep.Count; i++)
        {
            Assert.True(toRep[i + 30].At - toRep[i].At >= TimeSpan.FromSeconds(59), $"messages {i} and {i + 30} to {Rep} within a minute");
        }

        output.WriteLine($"Story 3: second run cancelled at question 2 → '已取消'; then '{Line(after, "没看懂")}'; still {deals.Count} deal. {toRep.Count} messages to {Rep} over {(toRep[^1].At - toRep[0].At).TotalSeconds:0} s, never more than 30 a minute.");
    }

    [Fact]
    public async Task Story4_ManagerApprovesThroughTheTemplateCard_CardUpdatedDealMovedRepTold()
    {
        // The manager opens the app once (enter_agent), so OppBot knows where to reach them.
        var cursor = Api.Count;
        var entered = Assert.Single(await _host.CallbackAsync(new JsonObject { ["kind"] = "event", ["from"] = Manager, ["event"] = "enter_agent" }));
        Assert.Equal(200, entered.Status);
        await _host.DrainOutboxAsync();
        Assert.Contains("OppBot", new Exchange(Api.Calls.Skip(cursor).ToList()).Text(Manager), StringComparison.Ordinal);

        // The rep captures a deal of exactly the threshold (¥1,000,000) in one line.
        Assert.Contains("#1", (await SayAsync(Rep, "线索 华为 ERP升级 100万 来源=展会")).Text(Rep), StringComparison.Ordinal);

        // Advance to 需求确认: the missing criteria are asked step by step (contact as text, need by a button).
        Assert.Contains("联系人", Question(await SayAsync(Rep, "推进 #1"), step: 1).Text, StringComparison.Ordinal);
        var question = Question(await SayAsync(Rep, "张总 13800000000"), step: 2);
        var (needCard, yes) = question.Button("是");
        Assert.Contains("#1 已进入「需求确认」", (await ClickAsync(Rep, needCard, yes)).Text(Rep), StringComparison.Ordinal);

        // Advance to 方案报价: decision maker and budget, then the move needs the manager's approval.
        Assert.Contains("决策人", Question(await SayAsync(Rep, "推进 #1"), step: 1).Text, StringComparison.Ordinal);
        question = Question(await SayAsync(Rep, "李总"), step: 2);
        (var budgetCard, yes) = question.Button("是");
        var requested = await ClickAsync(Rep, budgetCard, yes);
        Assert.Contains("需要审批", requested.Text(Rep), StringComparison.Ordinal);

        var approvalCard = Assert.Single(requested.Messages(Manager), m => m.Buttons.Any(b => b.Key.StartsWith("approval.approve|", StringComparison.Ordinal)));
        Assert.NotNull(approvalCard.ResponseCode);
        var approve = approvalCard.Buttons.Single(b => b.Key.StartsWith("approval.approve|", StringComparison.Ordinal)).Key;
        var pending = await _host.ReadAsync(store => store.GetOpportunityAsync(1, CancellationToken.None));
        Assert.Equal("qualified", pending!.StageCode);

        // The manager presses 同意 on the card.
        var decided = await ClickAsync(Manager, approvalCard, approve);

        // The card the manager pressed is updated with the code its send returned: its buttons are greyed out, and the
        // decided card (who decided, when) follows as a message.
        var update = Assert.Single(decided.Calls, c => c.Path == UpdateCard);
        Assert.Equal(0, update.ErrCode);
        Assert.Equal(approvalCard.ResponseCode, (string?)update.Json!["response_code"]);
        Assert.Equal($"[\"{Manager}\"]", update.Json["userids"]!.ToJsonString());
        Assert.Equal("已处理", (string?)update.Json["button"]?["replace_name"]);
        Assert.Contains($"已批准：{Manager}", decided.Text(Manager), StringComparison.Ordinal);
        var told = decided.Text(Rep);
        Assert.Contains("#1 的推进已被", told, StringComparison.Ordinal);
        var moved = await _host.ReadAsync(store => store.GetOpportunityAsync(1, CancellationToken.None));
        Assert.Equal("proposal", moved!.StageCode);
        Assert.Equal("张总 13800000000", moved.ContactName);
        Assert.Equal("李总", moved.DecisionMaker);
        Assert.Empty(await _host.FailedDeliveriesAsync());
        output.WriteLine($"Story 4: approval card to {Manager} (response_code {approvalCard.ResponseCode}); the click → update_template_card with that code; #1 is in {moved.StageCode}; {Rep} told: '{Line(told, "#1 的推进")}'.");
    }

    [Fact]
    public async Task Story5_SameMsgIdThreeTimes_AnsweredOnce()
    {
        Assert.Contains("#1", (await SayAsync(Rep, "线索 华为 ERP升级 50万 来源=展会")).Text(Rep), StringComparison.Ordinal);

        var cursor = Api.Count;
        var retries = await _host.CallbackAsync(WeComStoryHost.Text(Rep, "跟进 #1 拜访了CIO", _host.NewMsgId()).With("repeat", 3));
        await _host.DrainOutboxAsync();

        Assert.Equal([200, 200, 200], retries.Select(r => r.Status));
        // One reply: the confirmation with the deal as markdown, and one card with the deal's buttons.
        var replies = new Exchange(Api.Calls.Skip(cursor).ToList()).Messages(Rep);
        Assert.Single(replies, m => m.AllText.Contains("已记录 #1 的跟进", StringComparison.Ordinal));
        Assert.Single(replies, m => m.MsgType == "template_card");
        Assert.Equal(2, replies.Count);
        var deal = await _host.ReadAsync(store => store.GetOpportunityAsync(1, CancellationToken.None));
        var followUp = Assert.Single(deal!.FollowUps, f => f.Note.Contains("拜访了CIO", StringComparison.Ordinal));
        output.WriteLine($"Story 5: one MsgId delivered {retries.Count}× (answered {string.Join("/", retries.Select(r => r.Status))}) → 1 reply ({replies.Count} messages), 1 follow-up '{followUp.Note}'.");
    }

    [Fact]
    public async Task Story6_BadSignatureWrongCorpAndMaliciousXml_RefusedAndNothingChanges()
    {
        const string Intruder = "mallory";
        var lead = WeComStoryHost.Text(Intruder, "线索 华为 ERP升级 50万 来源=展会", _host.NewMsgId());
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var head = $"<ToUserName><![CDATA[{_host.App.CorpId}]]></ToUserName><FromUserName><![CDATA[{Intruder}]]></FromUserName>"
            + $"<CreateTime>{now}</CreateTime><MsgType><![CDATA[text]]></MsgType>";
        var tail = $"<MsgId>{_host.NewMsgId()}</MsgId><AgentID>{_host.App.AgentId}</AgentID></xml>";
        var externalEntity = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + $"<xml>{head}<Content>线索 &xxe; ERP 50万</Content>{tail}";
        var laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            laughs.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        }

        laughs.Append($"]><xml>{head}<Content>线索 &lol9; ERP 50万</Content>{tail}");

        var results = await _host.CallbackAsync(
            lead.Copy().With("tamper", "signature"),
            lead.Copy().With("tamper", "receiveId"),
            new JsonObject { ["kind"] = "raw", ["plaintext"] = externalEntity },
            new JsonObject { ["kind"] = "raw", ["plaintext"] = laughs.ToString() },
            lead.Copy().With("timestamp", now - 3600)); // a replay from an hour ago

        // A DTD in the outer envelope, which is parsed before anything is decrypted.
        using var http = new HttpClient { BaseAddress = _host.BaseUrl };
        using var envelope = await http.PostAsync(
            $"api/wecom/callback?msg_signature={new string('a', 40)}&timestamp={now}&nonce=1",
            new StringContent("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&e;</Encrypt></xml>", Encoding.UTF8, "text/xml"));
        await _host.DrainOutboxAsync();

        Assert.Collection(
            results,
            r => Assert.Equal(401, r.Status), // msg_signature not made with our Token
            r => Assert.Equal(403, r.Status), // receiveid is another corp
            r => Assert.Equal(400, r.Status), // DTD with an external entity
            r => Assert.Equal(400, r.Status), // billion laughs
            r => Assert.Equal(401, r.Status)); // timestamp outside the window
        Assert.Equal(HttpStatusCode.BadRequest, envelope.StatusCode);
        Assert.Empty(Api.Calls); // nothing was sent, not even a gettoken
        Assert.Empty(await _host.ReadAsync(store => store.FindOpportunitiesAsync(new OpportunityFilter { Limit = 100 }, CancellationToken.None)));
        Assert.Empty(await _host.ReadAsync(store => store.ListUsersAsync(null, CancellationToken.None)));

        // The same lead, properly made, is taken: the refusals above were not for want of a working host.
        Assert.Contains("#1", (await SayAsync(Intruder, "线索 华为 ERP升级 50万 来源=展会")).Text(Intruder), StringComparison.Ordinal);
        output.WriteLine($"Story 6: refused {string.Join(", ", results.Select(r => r.Status))} and {(int)envelope.StatusCode} (DTD in the envelope) with no API call, deal or user; the same lead properly signed then created #1.");
    }

    [Fact]
    public async Task Story7_TokenExpiredThenThrottled_MessageDeliveredOnceAfterRecovery()
    {
        // Warm up: a token is fetched and cached.
        var firstToken = Assert.Single((await SayAsync(Rep, "取消")).Messages(Rep)).AccessToken;

        Api.FailNext(Send, 42001);
        Api.FailNext(Send, 45009);
        var exchange = await SayAsync(Rep, "跟进");

        var calls = exchange.Calls;
        Assert.Collection(
            calls,
            c => Assert.Equal((Send, 42001, firstToken), (c.Path, c.ErrCode, c.AccessToken)),
            c => Assert.Equal((GetToken, 0), (c.Path, c.ErrCode)), // the expired token is dropped and a new one fetched
            c => Assert.Equal((Send, 45009), (c.Path, c.ErrCode)),
            c => Assert.Equal((Send, 0), (c.Path, c.ErrCode))); // after a back-off: delivered, once
        var secondToken = (string?)calls[1].Answer["access_token"];
        Assert.NotEqual(firstToken, secondToken);
        Assert.Equal(secondToken, calls[2].AccessToken);
        Assert.Equal(secondToken, calls[3].AccessToken);
        Assert.Equal(calls[0].Body, calls[3].Body); // the same message each time
        Assert.Contains("请告诉我是哪个商机", calls[3].AllText, StringComparison.Ordinal);
        Assert.Empty(await _host.FailedDeliveriesAsync());
        output.WriteLine($"Story 7: {string.Join(" → ", calls.Select(c => $"{c.Path.Replace("cgi-bin/", string.Empty, StringComparison.Ordinal)} {c.ErrCode}"))}; delivered once with {secondToken}.");
    }

    private async Task<Exchange> SayAsync(string from, string text)
    {
        var cursor = Api.Count;
        await _host.SayAsync(from, text);
        await _host.DrainOutboxAsync();
        return new Exchange(Api.Calls.Skip(cursor).ToList());
    }

    private async Task<Exchange> ClickAsync(string from, WeComCall card, string key)
    {
        var cursor = Api.Count;
        await _host.ClickAsync(from, card, key);
        await _host.DrainOutboxAsync();
        return new Exchange(Api.Calls.Skip(cursor).ToList());
    }

    /// <summary>The question of a step-by-step form an exchange ended with: "Title (step/total)" and its button cards.</summary>
    private static FormQuestion Question(Exchange exchange, int step)
    {
        var messages = exchange.Messages(Rep);
        var marker = $"({step}/";
        var first = messages.Select((m, i) => (m, i)).FirstOrDefault(x => x.m.MsgType == "markdown" && x.m.AllText.Contains(marker, StringComparison.Ordinal));
        if (first.m is null)
        {
            throw new Xunit.Sdk.XunitException($"Question {step} was not asked. Messages:\n{string.Join("\n", messages)}");
        }

        var text = first.m.AllText;
        var at = text.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var total = int.Parse(text[at..text.IndexOf(')', at)], System.Globalization.CultureInfo.InvariantCulture);
        return new FormQuestion(step, total, messages.Skip(first.i).ToList());
    }

    private static string Line(string text, string containing) =>
        text.Split('\n').FirstOrDefault(l => l.Contains(containing, StringComparison.Ordinal)) ?? text;

    /// <summary>Everything OppBot sent through the API for one callback (the outbox drained).</summary>
    private sealed record Exchange(IReadOnlyList<WeComCall> Calls)
    {
        /// <summary>The messages delivered to <paramref name="userId"/>, in order.</summary>
        public IReadOnlyList<WeComCall> Messages(string userId) =>
            Calls.Where(c => c.Path == Send && c.ErrCode == 0 && c.ToUser == userId).ToList();

        public string Text(string userId) => string.Join("\n", Messages(userId).Select(m => m.AllText));
    }

    /// <summary>One question of a step-by-step form and the messages it came in (markdown, then a card per six buttons).</summary>
    private sealed record FormQuestion(int Step, int Total, IReadOnlyList<WeComCall> Messages)
    {
        public string Text => string.Join("\n", Messages.Select(m => m.AllText));

        /// <summary>The card holding the button with this text, and the button's key.</summary>
        public (WeComCall Card, string Key) Button(string text)
        {
            foreach (var message in Messages)
            {
                foreach (var (title, key) in message.Buttons)
                {
                    if (title == text)
                    {
                        return (message, key);
                    }
                }
            }

            throw new Xunit.Sdk.XunitException($"No button '{text}' on question {Step}. Messages:\n{string.Join("\n", Messages)}");
        }
    }
}

/// <summary>Small edits of wecom-client.mjs requests.</summary>
internal static class WeComJson
{
    public static JsonObject With(this JsonObject request, string key, JsonNode? value)
    {
        request[key] = value;
        return request;
    }

    public static JsonObject Copy(this JsonObject request) => (JsonObject)request.DeepClone();
}
