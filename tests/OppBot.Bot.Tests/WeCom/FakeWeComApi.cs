using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using OppBot.Adapters.WeCom;

namespace OppBot.Bot.Tests.WeCom;

/// <summary>
/// Plays the WeCom server API in memory and records every request. Answers are scripted per path
/// (<see cref="Enqueue"/>); when nothing is scripted, gettoken hands out TOKEN1, TOKEN2, … valid 7200 s and every
/// other call answers errcode 0 with a msgid.
/// </summary>
internal sealed class FakeWeComApi : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<Func<HttpResponseMessage>>> _scripted = [];
    private int _tokens;
    private int _messages;

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>When set, gettoken answers only once it completes (to line up concurrent callers).</summary>
    public TaskCompletionSource? HoldGetToken { get; set; }

    public IReadOnlyList<RecordedRequest> To(string path)
    {
        lock (_gate)
        {
            return Requests.Where(r => r.Path == path).ToList();
        }
    }

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

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath.TrimStart('/');
        var recorded = new RecordedRequest(
            request.Method,
            path,
            QueryHelpers.ParseQuery(request.RequestUri.Query).ToDictionary(q => q.Key, q => q.Value.ToString()),
            body,
            request.RequestUri);
        Func<HttpResponseMessage>? answer = null;
        lock (_gate)
        {
            Requests.Add(recorded);
            if (_scripted.TryGetValue(path, out var queue) && queue.Count > 0)
            {
                answer = queue.Dequeue();
            }
        }

        if (path == "cgi-bin/gettoken" && HoldGetToken is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        if (answer is not null)
        {
            return answer();
        }

        return path == "cgi-bin/gettoken"
            ? Json($$"""{"errcode":0,"errmsg":"ok","access_token":"TOKEN{{Interlocked.Increment(ref _tokens)}}","expires_in":7200}""")
            : Json($$"""{"errcode":0,"errmsg":"ok","msgid":"MSG{{Interlocked.Increment(ref _messages)}}"}""");
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>A client wired to this fake, with options that point at it.</summary>
    public WeComApiClient CreateClient(TimeProvider clock, WeComOptions? options = null, WeComAccessTokenCache? tokens = null)
    {
        options ??= Options();
        var http = new HttpClient(this, disposeHandler: false) { BaseAddress = options.ApiBaseUrl };
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
}

/// <summary>One request the fake received.</summary>
internal sealed record RecordedRequest(HttpMethod Method, string Path, Dictionary<string, string> Query, string? Body, Uri Uri)
{
    public JsonObject Json => (JsonObject)JsonNode.Parse(Body!)!;
}
