using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using OppBot.Adapters.WeCom;
using OppBot.Bot.Tests.Support;

namespace OppBot.Bot.Tests.WeCom;

/// <summary>
/// The WeCom server API played by the shared <see cref="RecordingHttpHandler"/>. Answers are scripted per path
/// (<see cref="Enqueue"/>) and used once each, in order; when nothing is scripted, gettoken hands out TOKEN1,
/// TOKEN2, … valid 7200 s and every other call answers errcode 0 with a msgid.
/// </summary>
internal sealed class FakeWeComApi
{
    private static readonly string[] Paths =
    [
        "cgi-bin/gettoken",
        "cgi-bin/message/send",
        "cgi-bin/message/update_template_card",
        "cgi-bin/appchat/send",
        "cgi-bin/webhook/send",
    ];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<Func<HttpResponseMessage>>> _scripted = [];
    private int _tokens;
    private int _messages;

    public FakeWeComApi()
    {
        foreach (var path in Paths)
        {
            Handler.When(r => r.Uri.AbsolutePath.TrimStart('/') == path, () => Answer(path));
        }
    }

    public RecordingHttpHandler Handler { get; } = new();

    /// <summary>When set, gettoken answers only once it completes (to line up concurrent callers).</summary>
    public TaskCompletionSource? HoldGetToken { get; set; }

    /// <summary>Every request, in order.</summary>
    public IReadOnlyList<WeComRequest> Requests => Handler.Requests.Select(WeComRequest.From).ToList();

    /// <summary>The requests to one API path, e.g. <c>cgi-bin/message/send</c>.</summary>
    public IReadOnlyList<WeComRequest> To(string path) => Requests.Where(r => r.Path == path).ToList();

    public void Enqueue(string path, string json) => Enqueue(path, () => Json(json));

    public void Enqueue(string path, Func<HttpResponseMessage> answer)
    {
        lock (_gate)
        {
            if (!_scripted.TryGetValue(path, out var queue))
            {
                _scripted[path] = queue = new Queue<Func<HttpResponseMessage>>();
            }

            queue.Enqueue(answer);
        }
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        RecordingHttpHandler.Json(status, json)();

    /// <summary>A client wired to this fake, with options that point at it.</summary>
    public WeComApiClient CreateClient(TimeProvider clock, WeComOptions? options = null, WeComAccessTokenCache? tokens = null)
    {
        options ??= Options();
        var http = Handler.CreateClient(nameof(WeComApiClient));
        http.BaseAddress = options.ApiBaseUrl;
        return new WeComApiClient(
            http,
            tokens ?? new WeComAccessTokenCache(clock),
            Microsoft.Extensions.Options.Options.Create(options),
            clock,
            NullLogger<WeComApiClient>.Instance);
    }

    public static WeComOptions Options() => new()
    {
        CorpId = WeComVectors.CorpId,
        AgentId = 1000002,
        Secret = "app-secret",
        Token = WeComVectors.Token,
        EncodingAESKey = WeComVectors.Key,
        ApiBaseUrl = new Uri("http://127.0.0.1:9/"),
        RobotBaseUrl = new Uri("http://127.0.0.1:9/"),
        RobotWebhooks = new(StringComparer.Ordinal) { ["east"] = "robot-key-east" },
        ThrottleBackoff = TimeSpan.FromSeconds(1),
    };

    private HttpResponseMessage Answer(string path)
    {
        Func<HttpResponseMessage>? scripted = null;
        lock (_gate)
        {
            if (_scripted.TryGetValue(path, out var queue) && queue.Count > 0)
            {
                scripted = queue.Dequeue();
            }
        }

        if (path == "cgi-bin/gettoken")
        {
            HoldGetToken?.Task.Wait(TimeSpan.FromSeconds(10)); // the handler's answers are synchronous
        }

        if (scripted is not null)
        {
            return scripted();
        }

        return path == "cgi-bin/gettoken"
            ? Json($$"""{"errcode":0,"errmsg":"ok","access_token":"TOKEN{{Interlocked.Increment(ref _tokens)}}","expires_in":7200}""")
            : Json($$"""{"errcode":0,"errmsg":"ok","msgid":"MSG{{Interlocked.Increment(ref _messages)}}"}""");
    }
}

/// <summary>A request the fake received, with the WeCom parts picked out.</summary>
internal sealed record WeComRequest(HttpMethod Method, string Path, Dictionary<string, string> Query, string? Body)
{
    public JsonObject Json => (JsonObject)JsonNode.Parse(Body!)!;

    public static WeComRequest From(RecordedRequest request) => new(
        request.Method,
        request.Uri.AbsolutePath.TrimStart('/'),
        QueryHelpers.ParseQuery(request.Uri.Query).ToDictionary(q => q.Key, q => q.Value.ToString()),
        request.Body);
}
