using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OppBot.Bench.Support;

namespace OppBot.Bench.Chat;

/// <summary>
/// The channel side every bot under test talks to: the Bot Connector REST calls a Teams bot makes
/// (<c>POST/PUT v3/conversations/{id}/activities[/{activityId}]</c>, <c>POST v3/conversations</c>) and the WeCom API
/// calls OppBot makes when it replies there (<c>gettoken</c>, <c>message/send</c>, …), answered at once. It notes when
/// each reply arrives, per conversation: a turn is finished when the replies the load generator expects for it are in.
/// Typing activities are not replies and are not counted.
/// </summary>
internal sealed class ConnectorFake : IAsyncDisposable
{
    private static readonly byte[] TypeProperty = "type"u8.ToArray();

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Expectation> _waiting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _captures = new(StringComparer.Ordinal);
    private long _ids;
    private long _arrivals;
    private long _lastArrival;

    private ConnectorFake(WebApplication app)
    {
        _app = app;
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpContext context, string conversationId) => ActivityAsync(context, conversationId, null));
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext context, string conversationId, string activityId) => ActivityAsync(context, conversationId, null));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext context, string conversationId, string activityId) => ActivityAsync(context, conversationId, activityId));
        app.MapPost("/v3/conversations", (HttpContext context) => JsonAsync(context, $"{{\"id\":\"a:created-{Interlocked.Increment(ref _ids)}\"}}"));
        app.MapGet("/cgi-bin/gettoken", (HttpContext context) => JsonAsync(context, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"bench-token\",\"expires_in\":7200}"));
        app.Map("/cgi-bin/{**rest}", WeComApiAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Everything that arrived, replies and typing, Teams and WeCom.</summary>
    public long Arrivals => Interlocked.Read(ref _arrivals);

    public static async Task<ConnectorFake> StartAsync(CancellationToken cancellationToken)
    {
        var app = Kestrel.Create();
        var fake = new ConnectorFake(app);
        await app.StartAsync(cancellationToken);
        fake.BaseUrl = new Uri($"http://127.0.0.1:{Kestrel.Port(app)}/");
        return fake;
    }

    /// <summary>Waits for <paramref name="replies"/> replies to <paramref name="conversationId"/> (one turn in flight per conversation).</summary>
    public Expectation Expect(string conversationId, int replies)
    {
        var expectation = new Expectation(replies);
        _waiting[conversationId] = expectation;
        return expectation;
    }

    public void Forget(string conversationId) => _waiting.TryRemove(conversationId, out _);

    /// <summary>Keeps the bodies of the replies to a conversation from now on (typing excluded).</summary>
    public void Capture(string conversationId) => _captures[conversationId] = new ConcurrentQueue<string>();

    public IReadOnlyList<string> StopCapture(string conversationId) =>
        _captures.TryRemove(conversationId, out var queue) ? [.. queue] : [];

    /// <summary>Waits until nothing has arrived for <paramref name="quiet"/> (at most <paramref name="max"/>): the bots' queues are empty.</summary>
    public async Task DrainAsync(TimeSpan quiet, TimeSpan max, CancellationToken cancellationToken)
    {
        var started = Clock.Now;
        while (Clock.SecondsSince(started) < max.TotalSeconds)
        {
            var last = Interlocked.Read(ref _lastArrival);
            if (last == 0 || Clock.Milliseconds(last, Clock.Now) >= quiet.TotalMilliseconds)
            {
                return;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task ActivityAsync(HttpContext context, string conversationId, string? updatedId)
    {
        var arrived = Clock.Now;
        Interlocked.Increment(ref _arrivals);
        Interlocked.Exchange(ref _lastArrival, arrived);
        var body = await ReadAsync(context.Request);
        if (!IsTyping(body))
        {
            if (_captures.TryGetValue(conversationId, out var capture))
            {
                capture.Enqueue(Encoding.UTF8.GetString(body));
            }

            if (_waiting.TryGetValue(conversationId, out var expectation))
            {
                expectation.Arrive(arrived);
            }
        }

        await JsonAsync(context, $"{{\"id\":\"{updatedId ?? "activity-" + Interlocked.Increment(ref _ids)}\"}}");
    }

    private async Task WeComApiAsync(HttpContext context)
    {
        Interlocked.Increment(ref _arrivals);
        Interlocked.Exchange(ref _lastArrival, Clock.Now);
        await ReadAsync(context.Request);
        var id = Interlocked.Increment(ref _ids);
        await JsonAsync(context, $"{{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"msg-{id}\",\"response_code\":\"code-{id}\"}}");
    }

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static Task JsonAsync(HttpContext context, string json)
    {
        context.Response.StatusCode = (int)HttpStatusCode.OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json);
    }

    // The top-level "type" of an activity, without building a document.
    private static bool IsTyping(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals(TypeProperty);
            reader.Read();
            if (isType)
            {
                return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("typing"u8);
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>The replies one turn waits for; done at the arrival of the last.</summary>
    public sealed class Expectation(int replies)
    {
        private readonly TaskCompletionSource<long> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _remaining = replies;

        /// <summary>The arrival time (<see cref="Clock"/>) of the last expected reply.</summary>
        public Task<long> Done => _done.Task;

        public void Arrive(long at)
        {
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _done.TrySetResult(at);
            }
        }
    }
}

/// <summary>A bare Kestrel app on a free loopback port, without logging (the bench's own endpoints).</summary>
internal static class Kestrel
{
    public static WebApplication Create()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        return builder.Build();
    }

    public static int Port(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Port;
    }
}
