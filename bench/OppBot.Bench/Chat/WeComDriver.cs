using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using OppBot.Adapters.WeCom;
using OppBot.Bench.Support;

namespace OppBot.Bench.Chat;

/// <summary>A WeCom callback, encrypted and signed before the clock starts.</summary>
internal sealed record PreparedCallback(string PathAndQuery, byte[] Body);

/// <summary>
/// Plays WeCom: encrypts and signs text-message callbacks with the WeCom adapter's own <see cref="WeComCrypto"/>
/// (prepared up front, outside the measured time) and measures each from the POST until OppBot acknowledges it, i.e.
/// signature check, decryption, XML, the turn (saved, replies queued) and the empty 200.
/// </summary>
internal sealed class WeComDriver
{
    public const string CorpId = "wwbenchcorp";
    public const int AgentId = 1000002;
    public const string Secret = "bench-secret";
    public const string Token = "benchtoken";

    private static readonly MediaTypeHeaderValue Xml = new("text/xml") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly WeComCrypto _crypto;
    private long _messageIds;

    public WeComDriver(HttpClient http)
    {
        _http = http;
        EncodingAesKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=');
        _crypto = new WeComCrypto(Token, EncodingAesKey, CorpId);
    }

    public string EncodingAesKey { get; }

    public PreparedCallback Prepare(BenchUser user, string text)
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var id = 7_000_000_000_000_000_000L + Interlocked.Increment(ref _messageIds);
        var message =
            $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><FromUserName><![CDATA[{user.WeComId}]]></FromUserName>" +
            $"<CreateTime>{now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content>" +
            $"<MsgId>{id}</MsgId><AgentID>{AgentId}</AgentID></xml>";
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var encrypted = _crypto.Encrypt(message);
        var signature = WeComCrypto.Sign(Token, now, nonce, encrypted);
        var envelope = $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt><AgentID><![CDATA[{AgentId}]]></AgentID></xml>";
        return new PreparedCallback(
            $"api/wecom/callback?msg_signature={signature}&timestamp={now}&nonce={nonce}",
            Encoding.UTF8.GetBytes(envelope));
    }

    public async Task<double?> SendAsync(Uri bot, PreparedCallback callback, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(callback.Body);
        content.Headers.ContentType = Xml;
        var t0 = Clock.Now;
        using var response = await _http.PostAsync(new Uri(bot, callback.PathAndQuery), content, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var latency = Clock.Milliseconds(t0, Clock.Now);
        return response.IsSuccessStatusCode ? latency : null;
    }
}
