using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace OppBot.Bot.Tests.EndToEnd;

/// <summary>
/// A corp and self-built app made up for one test: ids and secrets are random, never real ones.
/// </summary>
internal sealed record WeComTestApp(string CorpId, int AgentId, string Secret, string Token, string EncodingAESKey, string RobotTeam, string RobotKey)
{
    public static WeComTestApp Generate() => new(
        CorpId: "ww" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
        AgentId: 1000000 + RandomNumberGenerator.GetInt32(1, 99999),
        Secret: Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', 'A').Replace('/', 'B'),
        Token: RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32),
        EncodingAESKey: Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('='),
        RobotTeam: "sales",
        RobotKey: Guid.NewGuid().ToString());
}

/// <summary>
/// The WeCom server API on a real socket (127.0.0.1, a free port), for the end-to-end stories: OppBot's
/// <c>WeCom:ApiBaseUrl</c> and <c>WeCom:RobotBaseUrl</c> point here and nothing in the host is replaced.
/// It behaves as WeCom does where the stories depend on it (shared/reference/wecom.md §5):
/// <list type="bullet">
/// <item><c>gettoken</c> checks corpid and corpsecret and hands out a new token each time (TOKEN-1, TOKEN-2, …);</item>
/// <item><c>message/send</c> and <c>message/update_template_card</c> need a live token and the app's agentid; a send
/// answers a msgid, plus a one-use <c>response_code</c> for an interactive template card;</item>
/// <item><c>update_template_card</c> accepts each issued response code once (40058 after that);</item>
/// <item><c>webhook/send</c> needs the configured robot key.</item>
/// </list>
/// <see cref="FailNext"/> scripts errcodes (42001 also expires the token it was called with). Every call is recorded
/// with the errcode it got.
/// </summary>
internal sealed class WeComFakeServer : IAsyncDisposable
{
    public const string GetToken = "cgi-bin/gettoken";
    public const string Send = "cgi-bin/message/send";
    public const string UpdateCard = "cgi-bin/message/update_template_card";
    public const string Robot = "cgi-bin/webhook/send";

    private readonly WeComTestApp _app;
    private readonly Lock _gate = new();
    private readonly List<WeComCall> _calls = [];
    private readonly Dictionary<string, Queue<int>> _failures = new(StringComparer.Ordinal);
    private readonly HashSet<string> _liveTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unusedResponseCodes = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private WebApplication? _web;
    private int _tokens;
    private int _messages;
    private int _codes;

    private WeComFakeServer(WeComTestApp app) => _app = app;

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every call so far, in the order received.</summary>
    public IReadOnlyList<WeComCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The number of calls so far: a cursor for what comes after.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _calls.Count;
            }
        }
    }

    public static async Task<WeComFakeServer> StartAsync(WeComTestApp app)
    {
        var server = new WeComFakeServer(app);

        // An empty builder: no configuration files (so no file watchers), no logging, Kestrel only.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var web = builder.Build();
        web.Run(server.HandleAsync);
        await web.StartAsync();

        var address = web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        server._web = web;
        return server;
    }

    /// <summary>The next call to <paramref name="path"/> is answered with <paramref name="errCode"/> (queued in order).</summary>
    public void FailNext(string path, int errCode)
    {
        lock (_gate)
        {
            if (!_failures.TryGetValue(path, out var queue))
            {
                _failures[path] = queue = new Queue<int>();
            }

            queue.Enqueue(errCode);
        }
    }

    /// <summary>The calls to one path, e.g. <see cref="Send"/>.</summary>
    public IReadOnlyList<WeComCall> To(string path) => Calls.Where(c => c.Path == path).ToList();

    public async ValueTask DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.StopAsync();
            await _web.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value!.TrimStart('/');
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        string? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        JsonObject answer;
        lock (_gate)
        {
            answer = Answer(request.Method, path, query, body);
            _calls.Add(new WeComCall(_calls.Count, _clock.Elapsed, request.Method, path, query, body, answer));
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    /// <summary>What WeCom would answer; called under the lock.</summary>
    private JsonObject Answer(string method, string path, Dictionary<string, string> query, string? body)
    {
        switch (method, path)
        {
            case ("GET", GetToken):
                if (query.GetValueOrDefault("corpid") != _app.CorpId)
                {
                    return Error(40013, "invalid corpid");
                }

                if (query.GetValueOrDefault("corpsecret") != _app.Secret)
                {
                    return Error(40001, "invalid credential");
                }

                if (Scripted(path) is { } tokenFailure)
                {
                    return Error(tokenFailure, "scripted");
                }

                var token = $"TOKEN-{++_tokens}";
                _liveTokens.Add(token);
                return new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["access_token"] = token, ["expires_in"] = 7200 };

            case ("POST", Send or UpdateCard):
                var json = Parse(body);
                var accessToken = query.GetValueOrDefault("access_token") ?? string.Empty;
                if (!_liveTokens.Contains(accessToken))
                {
                    return Error(42001, "access_token expired");
                }

                if (json is null)
                {
                    return Error(44004, "empty content");
                }

                if (json["agentid"]?.GetValueKind() != System.Text.Json.JsonValueKind.Number || (int)json["agentid"]! != _app.AgentId)
                {
                    return Error(301002, "not allow operate another agent with this accesstoken");
                }

                if (Scripted(path) is { } failure)
                {
                    if (failure is 42001 or 40014)
                    {
                        _liveTokens.Remove(accessToken); // it really expired: using it again fails too
                    }

                    return Error(failure, "scripted");
                }

                return path == Send ? AnswerSend(json) : AnswerUpdate(json);

            case ("POST", Robot):
                if (query.GetValueOrDefault("key") != _app.RobotKey)
                {
                    return Error(93000, "invalid webhook url");
                }

                return Scripted(path) is { } robotFailure ? Error(robotFailure, "scripted") : Error(0, "ok");

            default:
                return Error(404, "no such API in the fake: " + method + " " + path);
        }
    }

    private JsonObject AnswerSend(JsonObject json)
    {
        var answer = new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["invaliduser"] = "", ["msgid"] = $"msg-{++_messages}" };
        var cardType = (string?)json["template_card"]?["card_type"];
        if ((string?)json["msgtype"] == "template_card" && cardType is "button_interaction" or "vote_interaction" or "multiple_interaction")
        {
            var code = $"rc-{++_codes}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
            _unusedResponseCodes.Add(code);
            answer["response_code"] = code;
        }

        return answer;
    }

    private JsonObject AnswerUpdate(JsonObject json)
    {
        var code = (string?)json["response_code"] ?? string.Empty;
        if (!_unusedResponseCodes.Remove(code))
        {
            return Error(40058, "invalid response_code (unknown or already used)");
        }

        return new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["invaliduser"] = new JsonArray() };
    }

    private int? Scripted(string path) =>
        _failures.TryGetValue(path, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;

    private static JsonObject? Parse(string? body)
    {
        try
        {
            return body is null ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static JsonObject Error(int code, string message) => new() { ["errcode"] = code, ["errmsg"] = message };
}

/// <summary>One call the fake received (<paramref name="At"/>: since the fake started) and what it answered.</summary>
internal sealed record WeComCall(int Index, TimeSpan At, string Method, string Path, IReadOnlyDictionary<string, string> Query, string? Body, JsonObject Answer)
{
    public int ErrCode => (int)Answer["errcode"]!;

    public JsonObject? Json => Body is null ? null : JsonNode.Parse(Body) as JsonObject;

    public string? AccessToken => Query.GetValueOrDefault("access_token");

    public string? ToUser => (string?)Json?["touser"];

    public string? MsgType => (string?)Json?["msgtype"];

    public JsonObject? Card => Json?["template_card"] as JsonObject;

    public string? ResponseCode => (string?)Answer["response_code"];

    /// <summary>A template card's buttons as (text, key).</summary>
    public IReadOnlyList<(string Text, string Key)> Buttons =>
        Card?["button_list"] is JsonArray list ? list.Select(b => ((string)b!["text"]!, (string)b["key"]!)).ToList() : [];

    /// <summary>Every string in the request body, joined by newlines: what the user would read, plus keys.</summary>
    public string AllText => Json is { } json ? string.Join("\n", Strings(json)) : string.Empty;

    public override string ToString() =>
        $"#{Index} {Method} {Path} → {ErrCode}{(Body is null ? string.Empty : " " + (Body.Length > 300 ? Body[..300] + "…" : Body))}";

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
