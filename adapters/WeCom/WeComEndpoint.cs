using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OppBot.Domain.Conversations;

namespace OppBot.Adapters.WeCom;

/// <summary>
/// GET and POST /api/wecom/callback (shared/reference/wecom.md §1.2–1.5). Anything that fails the signature,
/// the ±5-minute timestamp window, decryption, the receiveid or the XML parser is answered 4xx, logged, and not
/// processed. A good message runs one conversation turn, which saves the change and queues the replies in the
/// outbox; the callback is then acknowledged with an empty 200 (no passive reply). A turn that throws is logged,
/// the user gets a short apology through the API, and WeCom still gets 200 so it does not retry a poison message.
/// </summary>
internal sealed class WeComEndpoint(
    WeComCrypto crypto,
    IOptions<WeComOptions> options,
    TimeProvider clock,
    ILogger<WeComEndpoint> logger)
{
    public const string Path = "/api/wecom/callback";

    /// <summary>WeCom users default to zh-CN, and the turn failed before any locale was known.</summary>
    public const string Apology = "抱歉，处理时出错了，请稍后再试。";

    /// <summary>How long the apology may take: WeCom waits 5 s for the callback's answer.</summary>
    private static readonly TimeSpan ApologyTimeout = TimeSpan.FromSeconds(2);

    private readonly WeComOptions _options = options.Value;

    /// <summary>
    /// URL verification: answer the decrypted echostr as the exact body (no quotes, BOM or newline).
    /// The query values are already URL-decoded once by ASP.NET Core; decoding again turns '+' into ' ' (vector N4).
    /// </summary>
    public IResult Verify(string? msgSignature, string? timestamp, string? nonce, string? echostr)
    {
        if (string.IsNullOrEmpty(echostr) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(nonce))
        {
            return Refuse(StatusCodes.Status400BadRequest, "missing query parameters", 0);
        }

        var decrypted = crypto.Decrypt(msgSignature, timestamp, nonce, echostr);
        if (!decrypted.IsOk)
        {
            return Refuse(decrypted);
        }

        if (!IsFresh(timestamp))
        {
            return Refuse(StatusCodes.Status401Unauthorized, "timestamp outside the accepted window", 0);
        }

        Log.UrlVerified(logger);
        return TypedResults.Text(decrypted.Message!, "text/plain; charset=utf-8", new UTF8Encoding(false));
    }

    /// <summary>A message or event push.</summary>
    /// <param name="request">The callback request, whose query carries msg_signature, timestamp and nonce.</param>
    /// <param name="runTurn">Runs the conversation turn (OppBotConversation.HandleAsync from the request scope).</param>
    /// <param name="api">For the apology when the turn fails.</param>
    /// <param name="cancellationToken">The request's token.</param>
    public async Task<IResult> ReceiveAsync(
        HttpRequest request,
        Func<IncomingMessage, CancellationToken, Task> runTurn,
        WeComApiClient api,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runTurn);
        ArgumentNullException.ThrowIfNull(api);

        string? signature = request.Query["msg_signature"];
        string? timestamp = request.Query["timestamp"];
        string? nonce = request.Query["nonce"];
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(signature))
        {
            return Refuse(StatusCodes.Status400BadRequest, "missing query parameters", 0);
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, "body too large", 0);
        }

        var envelope = WeComXml.ParseEnvelope(body);
        if (!envelope.IsOk)
        {
            return Refuse(StatusCodes.Status400BadRequest, "envelope: " + envelope.Error, -40002);
        }

        var decrypted = crypto.Decrypt(signature, timestamp, nonce, envelope.Value!.Encrypt);
        if (!decrypted.IsOk)
        {
            return Refuse(decrypted);
        }

        if (!IsFresh(timestamp))
        {
            return Refuse(StatusCodes.Status401Unauthorized, "timestamp outside the accepted window", 0);
        }

        var parsed = WeComXml.ParseMessage(decrypted.Message!);
        if (!parsed.IsOk)
        {
            return Refuse(StatusCodes.Status400BadRequest, "message: " + parsed.Error, -40002);
        }

        var message = parsed.Value!;
        if (message.AgentId is { Length: > 0 } agentId
            && agentId != _options.AgentId.ToString(CultureInfo.InvariantCulture))
        {
            return Refuse(StatusCodes.Status403Forbidden, "message for another app (AgentID)", 0);
        }

        var incoming = MessageReader.Read(message);
        if (incoming is null)
        {
            Log.MessageIgnored(logger, message.MsgType, message.Event);
            return TypedResults.Ok();
        }

        try
        {
            await runTurn(incoming, cancellationToken);
            Log.TurnHandled(logger, incoming.DedupeKey);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // WeCom hung up (5 s); it sends the message again and the dedupe key makes that safe.
            Log.TurnCanceled(logger, incoming.DedupeKey);
        }
        catch (Exception ex)
        {
            // One boundary per turn: log, apologise, and acknowledge so WeCom does not retry a poison message.
            Log.TurnFailed(logger, incoming.DedupeKey, ex);
            await ApologiseAsync(api, message.FromUserName, incoming.DedupeKey);
        }

        return TypedResults.Ok();
    }

    private async Task ApologiseAsync(WeComApiClient api, string userId, string dedupeKey)
    {
        using var timeout = new CancellationTokenSource(ApologyTimeout, clock);
        try
        {
            var result = await api.SendMessageAsync(
                new JsonObject
                {
                    ["touser"] = userId,
                    ["msgtype"] = "text",
                    ["agentid"] = _options.AgentId,
                    ["text"] = new JsonObject { ["content"] = Apology },
                },
                timeout.Token);
            if (!result.IsOk)
            {
                Log.ApologyFailed(logger, dedupeKey, result.ErrCode, null);
            }
        }
        catch (Exception ex)
        {
            Log.ApologyFailed(logger, dedupeKey, 0, ex);
        }
    }

    private bool IsFresh(string timestamp)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        return Math.Abs(now - seconds) <= _options.TimestampTolerance.TotalSeconds;
    }

    /// <summary>Reads the raw body (text/xml; never bound as JSON) up to the configured limit; null when larger.</summary>
    private async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var max = _options.MaxCallbackBytes;
        if (request.ContentLength > max)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private ProblemHttpResult Refuse(WeComDecryptResult result)
    {
        var status = result.Status switch
        {
            WeComDecryptStatus.BadSignature => StatusCodes.Status401Unauthorized,
            WeComDecryptStatus.WrongReceiver => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        };
        return Refuse(status, result.Reason ?? result.Status.ToString(), result.Code);
    }

    private ProblemHttpResult Refuse(int status, string reason, int code)
    {
        Log.CallbackRefused(logger, status, reason, code);
        return TypedResults.Problem(statusCode: status, title: "WeCom callback refused");
    }
}
