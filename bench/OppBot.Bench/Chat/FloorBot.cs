using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OppBot.Bench.Chat;

/// <summary>
/// The floor: the least a bot can do on this machine. A bare ASP.NET Core endpoint that reads the activity, posts a
/// typing activity and the fixed replies of the command (the bytes OppBot sent, captured up front) to the connector,
/// and answers 200; an invoke is answered with the fixed card. No database, no parsing beyond the first word.
/// </summary>
internal sealed class FloorBot : IAsyncDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private static readonly byte[] Typing = """{"type":"typing"}"""u8.ToArray();

    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly Dictionary<string, byte[][]> _replies;
    private readonly byte[] _invoke;

    private FloorBot(WebApplication app, HttpClient http, ChatFixtures fixtures)
    {
        _app = app;
        _http = http;
        _replies = fixtures.Replies.ToDictionary(r => r.Key, r => r.Value.Select(Encoding.UTF8.GetBytes).ToArray(), StringComparer.Ordinal);
        _invoke = Encoding.UTF8.GetBytes(fixtures.InvokeBody);
        app.MapPost("/api/messages", HandleAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FloorBot> StartAsync(HttpClient http, ChatFixtures fixtures, CancellationToken cancellationToken)
    {
        var app = Kestrel.Create();
        var bot = new FloorBot(app, http, fixtures);
        await app.StartAsync(cancellationToken);
        bot.BaseUrl = new Uri($"http://127.0.0.1:{Kestrel.Port(app)}/");
        return bot;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var activity = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var root = activity.RootElement;
        var type = root.GetProperty("type").GetString();
        if (type == "invoke")
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(_invoke, context.RequestAborted);
            return;
        }

        var conversationId = root.GetProperty("conversation").GetProperty("id").GetString()!;
        var serviceUrl = root.GetProperty("serviceUrl").GetString()!;
        var command = (root.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "").Trim().Split(' ')[0].ToLowerInvariant();
        var url = new Uri($"{serviceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities");
        await PostAsync(url, Typing, context.RequestAborted);
        foreach (var reply in _replies.GetValueOrDefault(command) ?? _replies["help"])
        {
            await PostAsync(url, reply, context.RequestAborted);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private async Task PostAsync(Uri url, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var response = await _http.PostAsync(url, content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>What OppBot answered to each command, captured before the measurements: the peer and the floor send the same.</summary>
/// <param name="Replies">Per command (<c>help</c>, <c>show</c>, <c>log</c>): the reply activities, typing excluded, as sent.</param>
/// <param name="InvokeBody">The HTTP body OppBot answered the approval's Action.Execute with.</param>
internal sealed record ChatFixtures(IReadOnlyDictionary<string, IReadOnlyList<string>> Replies, string InvokeBody);
