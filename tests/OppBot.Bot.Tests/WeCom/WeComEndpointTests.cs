using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OppBot.Adapters.WeCom;
using OppBot.Domain.Conversations;

namespace OppBot.Bot.Tests.WeCom;

public sealed class WeComEndpointTests
{
    private readonly FakeWeComApi _api = new();
    private readonly List<IncomingMessage> _turns = [];
    private ManualClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_100));

    private WeComEndpoint CreateSut(string? corpId = null)
    {
        var options = FakeWeComApi.Options();
        var crypto = new WeComCrypto(options.Token!, options.EncodingAESKey!, corpId ?? options.CorpId!);
        return new WeComEndpoint(crypto, Microsoft.Extensions.Options.Options.Create(options), _clock, NullLogger<WeComEndpoint>.Instance);
    }

    private Task RecordTurn(IncomingMessage message, CancellationToken cancellationToken)
    {
        _turns.Add(message);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Verify_VectorG1_AnswersDecryptedEchostrExactly()
    {
        var g1 = WeComVectors.Get("G1");
        _clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

        var result = CreateSut().Verify(g1.S("msgSignature"), g1.S("timestamp"), g1.S("nonce"), g1.S("encrypt"));

        var (status, contentType, body) = await Execute(result);
        Assert.Equal(200, status);
        Assert.Equal("text/plain; charset=utf-8", contentType);
        Assert.Equal(Encoding.ASCII.GetBytes("8675309123456789012"), body); // no quotes, BOM or newline
    }

    [Fact]
    public void Verify_BadSignature_Is401()
    {
        var g1 = WeComVectors.Get("G1");

        var result = CreateSut().Verify("0000000000000000000000000000000000000000", g1.S("timestamp"), g1.S("nonce"), g1.S("encrypt"));

        Assert.Equal(401, StatusOf(result));
    }

    [Fact]
    public void Verify_MissingEchostr_Is400()
    {
        Assert.Equal(400, StatusOf(CreateSut().Verify("sig", "1700000000", "1", null)));
    }

    [Theory]
    [InlineData(301)] // just over five minutes late (replay)
    [InlineData(-301)] // five minutes in the future
    public void Verify_TimestampOutsideWindow_Is401(int skewSeconds)
    {
        var g1 = WeComVectors.Get("G1");
        _clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + skewSeconds));

        Assert.Equal(401, StatusOf(CreateSut().Verify(g1.S("msgSignature"), g1.S("timestamp"), g1.S("nonce"), g1.S("encrypt"))));
    }

    [Fact]
    public async Task Receive_TextVector_RunsTurnAndAnswersEmpty200()
    {
        var result = await CreateSut().ReceiveAsync(Post("G2"), RecordTurn, _api.CreateClient(_clock), CancellationToken.None);

        var (status, _, body) = await Execute(result);
        Assert.Equal(200, status);
        Assert.Empty(body); // no passive reply: replies go out through the outbox
        var turn = Assert.Single(_turns);
        Assert.Equal("新建商机 ACME 华东 50万", turn.Text);
        Assert.Equal("wecom:7300000000000000001", turn.DedupeKey);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Receive_CardClickVector_RunsTurnWithSubmit()
    {
        _clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_200));

        await CreateSut().ReceiveAsync(Post("G3"), RecordTurn, _api.CreateClient(_clock), CancellationToken.None);

        Assert.Equal("approve", Assert.Single(_turns).Verb);
    }

    [Fact]
    public async Task Receive_TamperedNonce_Is401AndRunsNothing()
    {
        var n1 = WeComVectors.Get("N1");
        var request = Post("G2");
        request.QueryString = new QueryString($"?msg_signature={n1.S("msgSignatureInQuery")}&timestamp={n1.S("timestamp")}&nonce={n1.S("nonce")}");

        var result = await CreateSut().ReceiveAsync(request, RecordTurn, _api.CreateClient(_clock), CancellationToken.None);

        Assert.Equal(401, StatusOf(result));
        Assert.Empty(_turns);
    }

    [Fact]
    public async Task Receive_OtherCorp_Is403()
    {
        var result = await CreateSut(corpId: "wwffffffffffffffff").ReceiveAsync(Post("G2"), RecordTurn, _api.CreateClient(_clock), CancellationToken.None);

        Assert.Equal(403, StatusOf(result));
        Assert.Empty(_turns);
    }

    [Fact]
    public async Task Receive_StaleTimestamp_Is401()
    {
        _clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_100 + 3600));

        var result = await CreateSut().ReceiveAsync(Post("G2"), RecordTurn, _api.CreateClient(_clock), CancellationToken.None);

        Assert.Equal(401, StatusOf(result));
        Assert.Empty(_turns);
    }

    [Fact]
    public async Task Receive_OversizedBody_Is413()
    {
        var request = Post("G2");
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes("<xml><Encrypt>" + new string('A', 70_000) + "</Encrypt></xml>"));
        request.ContentLength = null; // chunked: the limit is enforced while reading

        var result = await CreateSut().ReceiveAsync(request, RecordTurn, _api.CreateClient(_clock), CancellationToken.None);

        Assert.Equal(413, StatusOf(result));
    }

    [Theory]
    [InlineData("not xml")] // garbage
    [InlineData("<xml><ToUserName>ww</ToUserName></xml>")] // no Encrypt
    public async Task Receive_MalformedEnvelope_Is400(string body)
    {
        var request = Post("G2");
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));

        var result = await CreateSut().ReceiveAsync(request, RecordTurn, _api.CreateClient(_clock), CancellationToken.None);

        Assert.Equal(400, StatusOf(result));
    }

    [Fact]
    public async Task Receive_SignedPlaintextWithDtd_Is400()
    {
        var request = Signed("<!DOCTYPE xml [<!ENTITY x \"y\">]><xml><FromUserName>&x;</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>");

        var result = await CreateSut().ReceiveAsync(request, RecordTurn, _api.CreateClient(_clock), CancellationToken.None);

        Assert.Equal(400, StatusOf(result));
        Assert.Empty(_turns);
    }

    [Fact]
    public async Task Receive_MessageForAnotherAgent_Is403()
    {
        var request = Signed("<xml><FromUserName>a</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>1</MsgId><AgentID>999</AgentID></xml>");

        var result = await CreateSut().ReceiveAsync(request, RecordTurn, _api.CreateClient(_clock), CancellationToken.None);

        Assert.Equal(403, StatusOf(result));
    }

    [Fact]
    public async Task Receive_IgnoredEvent_Answers200WithoutTurn()
    {
        var request = Signed("<xml><FromUserName>a</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>unsubscribe</Event></xml>");

        var result = await CreateSut().ReceiveAsync(request, RecordTurn, _api.CreateClient(_clock), CancellationToken.None);

        Assert.Equal(200, StatusOf(result));
        Assert.Empty(_turns);
    }

    [Fact]
    public async Task Receive_TurnThrows_Answers200AndApologisesToUser()
    {
        var result = await CreateSut().ReceiveAsync(
            Post("G2"),
            (_, _) => throw new InvalidOperationException("database down"),
            _api.CreateClient(_clock),
            CancellationToken.None);

        Assert.Equal(200, StatusOf(result)); // WeCom must not retry a poison message
        var apology = Assert.Single(_api.To("cgi-bin/message/send")).Json;
        Assert.Equal("zhangsan", (string)apology["touser"]!);
        Assert.Equal("text", (string)apology["msgtype"]!);
        Assert.Equal("抱歉，处理时出错了，请稍后再试。", (string)apology["text"]!["content"]!);
    }

    [Fact]
    public async Task Receive_TurnThrowsAndApologyFails_StillAnswers200()
    {
        _api.Enqueue("cgi-bin/message/send", """{"errcode":60111,"errmsg":"invalid userid"}""");

        var result = await CreateSut().ReceiveAsync(
            Post("G2"),
            (_, _) => throw new InvalidOperationException("database down"),
            _api.CreateClient(_clock),
            CancellationToken.None);

        Assert.Equal(200, StatusOf(result));
    }

    private static HttpRequest Post(string vectorId)
    {
        var v = WeComVectors.Get(vectorId);
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.QueryString = new QueryString("?" + v.S("postQueryString"));
        var bytes = Encoding.UTF8.GetBytes(v.S("postBody"));
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = "text/xml";
        return context.Request;
    }

    private static HttpRequest Signed(string plaintext)
    {
        var crypto = new WeComCrypto(WeComVectors.Token, WeComVectors.Key, WeComVectors.CorpId);
        var (encrypt, signature) = crypto.EncryptAndSign(plaintext, "1700000100", "42");
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.QueryString = new QueryString($"?msg_signature={signature}&timestamp=1700000100&nonce=42");
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes($"<xml><ToUserName><![CDATA[{WeComVectors.CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"));
        return context.Request;
    }

    private static int StatusOf(IResult result) => ((IStatusCodeHttpResult)result).StatusCode ?? 200;

    private static async Task<(int Status, string? ContentType, byte[] Body)> Execute(IResult result)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, context.Response.ContentType, body.ToArray());
    }
}
