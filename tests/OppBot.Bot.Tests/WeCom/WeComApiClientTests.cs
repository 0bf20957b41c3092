using System.Net;
using System.Text.Json.Nodes;
using OppBot.Adapters.WeCom;

namespace OppBot.Bot.Tests.WeCom;

public sealed class WeComApiClientTests
{
    private const string Send = "cgi-bin/message/send";
    private const string GetToken = "cgi-bin/gettoken";

    private readonly FakeWeComApi _api = new();
    private readonly ManualClock _clock = new() { AutoAdvance = true };

    private static JsonObject Markdown() => new()
    {
        ["touser"] = "zhangsan",
        ["msgtype"] = "markdown",
        ["agentid"] = 1000002,
        ["markdown"] = new JsonObject { ["content"] = "**商机提醒**" },
    };

    [Fact]
    public async Task SendMessage_FirstCall_FetchesTokenWithCorpIdAndSecret()
    {
        var result = await _api.CreateClient(_clock).SendMessageAsync(Markdown(), CancellationToken.None);

        Assert.True(result.IsOk);
        var gettoken = Assert.Single(_api.To(GetToken));
        Assert.Equal(HttpMethod.Get, gettoken.Method);
        Assert.Equal(WeComVectors.CorpId, gettoken.Query["corpid"]);
        Assert.Equal("app-secret", gettoken.Query["corpsecret"]);
        var send = Assert.Single(_api.To(Send));
        Assert.Equal("TOKEN1", send.Query["access_token"]);
        Assert.Equal("**商机提醒**", (string)send.Json["markdown"]!["content"]!);
        Assert.Contains("商机提醒", send.Body, StringComparison.Ordinal); // CJK not \u-escaped
    }

    [Fact]
    public async Task SendMessage_SecondCallWithinLifetime_ReusesCachedToken()
    {
        var tokens = new WeComAccessTokenCache(_clock);
        await _api.CreateClient(_clock, tokens: tokens).SendMessageAsync(Markdown(), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(7200 - 301)); // just inside "5 minutes before expires_in"

        await _api.CreateClient(_clock, tokens: tokens).SendMessageAsync(Markdown(), CancellationToken.None); // a new typed client: the cache is shared

        Assert.Single(_api.To(GetToken));
        Assert.All(_api.To(Send), r => Assert.Equal("TOKEN1", r.Query["access_token"]));
    }

    [Fact]
    public async Task SendMessage_FiveMinutesBeforeExpiry_FetchesNewToken()
    {
        var sut = _api.CreateClient(_clock);
        await sut.SendMessageAsync(Markdown(), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(7200 - 300));

        await sut.SendMessageAsync(Markdown(), CancellationToken.None);

        Assert.Equal(2, _api.To(GetToken).Count);
        Assert.Equal("TOKEN2", _api.To(Send)[1].Query["access_token"]);
    }

    [Fact]
    public async Task SendMessage_ConcurrentCallers_ShareOneTokenFetch()
    {
        var sut = _api.CreateClient(_clock);
        _api.HoldGetToken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var sends = Enumerable.Range(0, 5).Select(_ => Task.Run(() => sut.SendMessageAsync(Markdown(), CancellationToken.None))).ToList();
        await WaitUntil(() => _api.To(GetToken).Count == 1);
        await Task.Delay(50); // give the other callers time to queue behind the first fetch
        _api.HoldGetToken.SetResult();
        var results = await Task.WhenAll(sends);

        Assert.All(results, r => Assert.True(r.IsOk));
        Assert.Single(_api.To(GetToken));
        Assert.Equal(5, _api.To(Send).Count);
    }

    [Theory]
    [InlineData(42001)] // access_token expired
    [InlineData(40014)] // access_token invalid (WeCom replaced it early)
    public async Task SendMessage_TokenRejected_RefreshesAndRetriesOnce(int errcode)
    {
        _api.Enqueue(Send, $$"""{"errcode":{{errcode}},"errmsg":"access_token expired"}""");

        var result = await _api.CreateClient(_clock).SendMessageAsync(Markdown(), CancellationToken.None);

        Assert.True(result.IsOk);
        Assert.Equal(["TOKEN1", "TOKEN2"], _api.To(Send).Select(r => r.Query["access_token"]));
        Assert.Equal(2, _api.To(GetToken).Count);
    }

    [Fact]
    public async Task SendMessage_TokenRejectedTwice_ReportsRetryLaterWithoutLooping()
    {
        _api.Enqueue(Send, """{"errcode":42001,"errmsg":"expired"}""");
        _api.Enqueue(Send, """{"errcode":42001,"errmsg":"expired"}""");

        var result = await _api.CreateClient(_clock).SendMessageAsync(Markdown(), CancellationToken.None);

        Assert.Equal(WeComCallStatus.RetryLater, result.Status);
        Assert.Equal(2, _api.To(Send).Count);
    }

    [Fact]
    public async Task SendMessage_InvalidSecret40001_IsNotRetriedWithNewToken()
    {
        // In WeCom 40001 means a bad secret, not a bad token (unlike WeChat Official Accounts): a refresh cannot help.
        _api.Enqueue(Send, """{"errcode":40001,"errmsg":"invalid credential"}""");

        var result = await _api.CreateClient(_clock).SendMessageAsync(Markdown(), CancellationToken.None);

        Assert.Equal(40001, result.ErrCode);
        Assert.Single(_api.To(GetToken));
        Assert.Single(_api.To(Send));
    }

    [Fact]
    public async Task SendMessage_Throttled45009_BacksOffThenSucceeds()
    {
        _api.Enqueue(Send, """{"errcode":45009,"errmsg":"api freq out of limit"}""");

        var result = await _api.CreateClient(_clock).SendMessageAsync(Markdown(), CancellationToken.None);

        Assert.True(result.IsOk);
        Assert.Equal(2, _api.To(Send).Count);
        var delay = Assert.Single(_clock.Delays);
        Assert.InRange(delay, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.2)); // ThrottleBackoff plus at most 20 % jitter
    }

    [Theory]
    [InlineData(45033)] // concurrency limit
    [InlineData(-1)] // system busy
    public async Task SendMessage_BusyOrConcurrencyLimit_RetriesWithBackoff(int errcode)
    {
        _api.Enqueue(Send, $$"""{"errcode":{{errcode}},"errmsg":"busy"}""");

        var result = await _api.CreateClient(_clock).SendMessageAsync(Markdown(), CancellationToken.None);

        Assert.True(result.IsOk);
        Assert.Single(_clock.Delays);
    }

    [Fact]
    public async Task SendMessage_StillThrottledAfterRetries_ReportsRetryLaterAfterAMinute()
    {
        for (var i = 0; i < 3; i++)
        {
            _api.Enqueue(Send, """{"errcode":45009,"errmsg":"api freq out of limit"}""");
        }

        var result = await _api.CreateClient(_clock).SendMessageAsync(Markdown(), CancellationToken.None);

        Assert.Equal(WeComCallStatus.RetryLater, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(60), result.RetryAfter); // a minute-level block lasts 60 s
        Assert.Equal(3, _api.To(Send).Count); // the first try and ThrottleRetries (2) more
        Assert.Equal(2, _clock.Delays.Count);
        Assert.True(_clock.Delays[1] > _clock.Delays[0]); // doubling
    }

    [Fact]
    public async Task SendMessage_NonZeroErrcodeWithHttp200_IsFailure()
    {
        _api.Enqueue(Send, """{"errcode":60111,"errmsg":"invalid userid"}""");

        var result = await _api.CreateClient(_clock).SendMessageAsync(Markdown(), CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.Equal(WeComCallStatus.Failed, result.Status);
        Assert.Equal(60111, result.ErrCode);
        Assert.Single(_api.To(Send)); // not retried
    }

    [Fact]
    public async Task SendMessage_WrongSecret_DoesNotCallGetTokenAgainForAWhile()
    {
        // Repeated wrong-secret gettoken calls get the server's IP banned for an hour (reference §5.1).
        _api.Enqueue(GetToken, """{"errcode":40001,"errmsg":"invalid credential"}""");
        var sut = _api.CreateClient(_clock);

        var first = await sut.SendMessageAsync(Markdown(), CancellationToken.None);
        var second = await sut.SendMessageAsync(Markdown(), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var later = await sut.SendMessageAsync(Markdown(), CancellationToken.None);

        Assert.Equal(WeComCallStatus.RetryLater, first.Status);
        Assert.Equal(40001, first.ErrCode);
        Assert.Equal(TimeSpan.FromMinutes(5), first.RetryAfter);
        Assert.Equal(WeComCallStatus.RetryLater, second.Status);
        Assert.True(later.IsOk);
        Assert.Equal(2, _api.To(GetToken).Count);
        Assert.Single(_api.To(Send));
    }

    [Fact]
    public async Task SendMessage_GetTokenBusy_IsNotCachedAsFailure()
    {
        _api.Enqueue(GetToken, """{"errcode":-1,"errmsg":"system busy"}""");
        var sut = _api.CreateClient(_clock);

        var first = await sut.SendMessageAsync(Markdown(), CancellationToken.None);
        var second = await sut.SendMessageAsync(Markdown(), CancellationToken.None);

        Assert.Equal(WeComCallStatus.RetryLater, first.Status);
        Assert.True(second.IsOk);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "RetryLater")] // server trouble passes
    [InlineData(HttpStatusCode.BadGateway, "RetryLater")] // a proxy in between
    [InlineData(HttpStatusCode.TooManyRequests, "RetryLater")] // someone's rate limit
    [InlineData(HttpStatusCode.NotFound, "Failed")] // wrong URL: retrying does not help
    public async Task SendMessage_HttpError_MapsToStatus(HttpStatusCode status, string expectedStatus)
    {
        var expected = Enum.Parse<WeComCallStatus>(expectedStatus);
        _api.Enqueue(Send, () => FakeWeComApi.Json("{}", status));

        var result = await _api.CreateClient(_clock).SendMessageAsync(Markdown(), CancellationToken.None);

        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public async Task SendMessage_ConnectionRefused_IsRetryLater()
    {
        _api.Enqueue(Send, () => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));

        var result = await _api.CreateClient(_clock).SendMessageAsync(Markdown(), CancellationToken.None);

        Assert.Equal(WeComCallStatus.RetryLater, result.Status);
    }

    [Fact]
    public async Task SendMessage_AnswerNotJson_IsRetryLater()
    {
        _api.Enqueue(Send, () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>gateway</html>") });

        var result = await _api.CreateClient(_clock).SendMessageAsync(Markdown(), CancellationToken.None);

        Assert.Equal(WeComCallStatus.RetryLater, result.Status);
    }

    [Fact]
    public async Task SendRobot_Key_PostsToWebhookWithoutToken()
    {
        var result = await _api.CreateClient(_clock).SendRobotAsync("robot-key-east", Markdown(), CancellationToken.None);

        Assert.True(result.IsOk);
        Assert.Empty(_api.To(GetToken));
        Assert.Equal("robot-key-east", Assert.Single(_api.To("cgi-bin/webhook/send")).Query["key"]);
    }

    [Fact]
    public async Task SendRobot_Throttled_ReportsRetryLaterAtOnce()
    {
        _api.Enqueue("cgi-bin/webhook/send", """{"errcode":45009,"errmsg":"api freq out of limit"}""");

        var result = await _api.CreateClient(_clock).SendRobotAsync("robot-key-east", Markdown(), CancellationToken.None);

        Assert.Equal(WeComCallStatus.RetryLater, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(60), result.RetryAfter);
        Assert.Single(_api.To("cgi-bin/webhook/send"));
    }

    [Fact]
    public async Task UpdateTemplateCard_Call_PostsToUpdateEndpoint()
    {
        var result = await _api.CreateClient(_clock).UpdateTemplateCardAsync(new JsonObject { ["response_code"] = "RC" }, CancellationToken.None);

        Assert.True(result.IsOk);
        Assert.Equal("RC", (string)Assert.Single(_api.To("cgi-bin/message/update_template_card")).Json["response_code"]!);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
