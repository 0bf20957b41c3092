using System.Net;
using System.Text;

namespace OppBot.Bot.Tests.Support;

/// <summary>
/// Plays the Bot Connector, the token endpoint and the OpenID metadata in-process, and keeps every request
/// (the idea of botbuilder's TestAdapter.ActiveQueue). Scripted answers are matched in the order they were added;
/// each script's responses are used in turn and its last one repeats. Unmatched requests get 200 {"id":"activity-N"}.
/// Also an <see cref="IHttpClientFactory"/> whose clients all go through this handler.
/// </summary>
public sealed class RecordingHttpHandler : HttpMessageHandler, IHttpClientFactory
{
    private readonly List<RecordedRequest> requests = [];
    private readonly List<Script> scripts = [];
    private int defaultIds;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Answers requests whose method matches and whose escaped path and query contain <paramref name="pathPart"/>.</summary>
    public RecordingHttpHandler When(HttpMethod method, string pathPart, params Func<HttpResponseMessage>[] responses) =>
        When(r => r.Method == method && r.PathAndQuery.Contains(pathPart, StringComparison.Ordinal), responses);

    public RecordingHttpHandler When(Func<RecordedRequest, bool> match, params Func<HttpResponseMessage>[] responses)
    {
        ArgumentOutOfRangeException.ThrowIfZero(responses.Length);
        lock (scripts)
        {
            scripts.Add(new Script(match, responses));
        }

        return this;
    }

    /// <summary>The requests whose method and path match.</summary>
    public IReadOnlyList<RecordedRequest> To(HttpMethod method, string pathPart) =>
        Requests.Where(r => r.Method == method && r.PathAndQuery.Contains(pathPart, StringComparison.Ordinal)).ToList();

    public static Func<HttpResponseMessage> Json(HttpStatusCode status, string json, TimeSpan? retryAfter = null) => () =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
        }

        return response;
    };

    public static Func<HttpResponseMessage> Status(HttpStatusCode status) => () => new HttpResponseMessage(status);

    public static Func<HttpResponseMessage> Throws() => () => throw new HttpRequestException("connection refused (scripted)");

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            body,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.ToString());
        lock (requests)
        {
            requests.Add(recorded);
        }

        Func<HttpResponseMessage>? respond = null;
        lock (scripts)
        {
            foreach (var script in scripts)
            {
                if (script.Match(recorded))
                {
                    respond = script.Next();
                    break;
                }
            }
        }

        var response = respond is null
            ? Json(HttpStatusCode.OK, $$"""{"id":"activity-{{Interlocked.Increment(ref defaultIds)}}"}""")()
            : respond();
        response.RequestMessage = request;
        return response;
    }

    private sealed class Script(Func<RecordedRequest, bool> match, Func<HttpResponseMessage>[] responses)
    {
        private int used;

        public Func<RecordedRequest, bool> Match { get; } = match;

        public Func<HttpResponseMessage> Next() => responses[Math.Min(used++, responses.Length - 1)];
    }
}

/// <summary>One request as the handler saw it; <see cref="PathAndQuery"/> keeps the escaping as sent.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Body, string? Authorization, string? ContentType)
{
    public string PathAndQuery => Uri.PathAndQuery;
}
