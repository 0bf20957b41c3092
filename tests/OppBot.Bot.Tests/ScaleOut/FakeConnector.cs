using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OppBot.Adapters.Teams;

namespace OppBot.Bot.Tests.ScaleOut;

/// <summary>
/// A Bot Connector on 127.0.0.1 (Kestrel, in the test process) that the OppBot processes send to: the activities'
/// serviceUrl points here. It records every call — with the outbox row it delivers, from
/// <see cref="ConnectorClient.DeliveryHeader"/> — and can be made slow (<see cref="Delay"/>, so a batch is in flight)
/// or down (<see cref="Down"/>: 503). It de-duplicates nothing: a row posted twice is recorded twice.
/// </summary>
/// <remarks>
/// A call whose caller vanished before the answer (the instance was killed) is recorded as <see cref="ConnectorCall.Aborted"/>:
/// whether a real connector posted it is unknown (it is "in doubt"); every other answered call counts as posted.
/// </remarks>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentDictionary<long, TimeSpan> _inFlight = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _requests;
    private long _lastAnsweredTicks = -1;
    private long _delayTicks;
    private volatile bool _down;

    private FakeConnector(WebApplication app) => _app = app;

    /// <summary>The base URL to put in activities' serviceUrl (ends with a slash).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>How long each message post or update waits before it is answered (typing indicators never wait).</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    /// <summary>While true, every call is answered 503 Service Unavailable and nothing is posted.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>Every call so far, in the order they were finished.</summary>
    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];

    /// <summary>The posts and updates that were answered with success: what a user would see, one per call.</summary>
    public IReadOnlyList<ConnectorCall> Posted => [.. _calls.Where(c => c.DeliveryKey is not null && c.IsSuccess && !c.Aborted)];

    /// <summary>When each call still waiting for its answer came in (time since the fake started).</summary>
    public IReadOnlyCollection<TimeSpan> InFlightSince => [.. _inFlight.Values];

    /// <summary>When the last message post or update was answered, or null.</summary>
    public TimeSpan? LastAnsweredAt => Interlocked.Read(ref _lastAnsweredTicks) is var t and >= 0 ? TimeSpan.FromTicks(t) : null;

    /// <summary>The time since the fake started, on the same clock as <see cref="InFlightSince"/>.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Starts the fake on a free loopback port.</summary>
    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpContext context, string conversationId) =>
            fake.HandleAsync(context, "post", conversationId));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext context, string conversationId) =>
            fake.HandleAsync(context, "update", conversationId));
        Func<HttpContext, Task<IResult>> create = context => fake.HandleAsync(context, "create", null);
        app.MapPost("/v3/conversations", (Delegate)create);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Url = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<FakeConnector, bool> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition(this))
        {
            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(HttpContext context, string operation, string? conversationId)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var root = body.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        var text = root.TryGetProperty("text", out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() : null;
        var attachments = root.TryGetProperty("attachments", out var a) ? a.GetRawText() : null;
        var header = context.Request.Headers[ConnectorClient.DeliveryHeader].ToString();
        var call = new ConnectorCall(operation, conversationId, header.Length == 0 ? null : header, type, text, attachments, _clock.Elapsed);

        if (_down)
        {
            _calls.Enqueue(call with { Status = StatusCodes.Status503ServiceUnavailable });
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The connector is down (fake).");
        }

        var delay = Delay;
        if (operation != "create" && type != "typing" && delay > TimeSpan.Zero)
        {
            var request = Interlocked.Increment(ref _requests);
            _inFlight[request] = call.At;
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The caller is gone: nobody hears an answer, so whether it was "posted" is in doubt.
                _calls.Enqueue(call with { Status = StatusCodes.Status200OK, Aborted = true });
                return TypedResults.Empty;
            }
            finally
            {
                _inFlight.TryRemove(request, out _);
            }
        }

        var id = $"activity-{Interlocked.Increment(ref _requests)}";
        if (call.DeliveryKey is not null)
        {
            Interlocked.Exchange(ref _lastAnsweredTicks, _clock.Elapsed.Ticks);
        }

        _calls.Enqueue(call with { Status = operation == "create" ? StatusCodes.Status201Created : StatusCodes.Status200OK });
        return operation == "create"
            ? TypedResults.Json(new { id = "a:created-" + id }, statusCode: StatusCodes.Status201Created)
            : TypedResults.Json(new { id });
    }
}

/// <summary>One call the fake connector received.</summary>
/// <param name="Operation"><c>post</c>, <c>update</c> or <c>create</c>.</param>
/// <param name="ConversationId">The conversation in the URL.</param>
/// <param name="DeliveryKey">The outbox row and part (<c>{row:N}.{part}</c>), or null for calls outside the outbox (typing).</param>
/// <param name="Type">The activity's type.</param>
/// <param name="Text">The activity's text.</param>
/// <param name="Attachments">The activity's attachments as JSON (the cards), or null.</param>
/// <param name="At">When it came in, since the fake started.</param>
public sealed record ConnectorCall(string Operation, string? ConversationId, string? DeliveryKey, string? Type, string? Text, string? Attachments, TimeSpan At)
{
    /// <summary>The status answered (0 while not answered).</summary>
    public int Status { get; init; }

    /// <summary>The caller went away before the answer: the post is in doubt.</summary>
    public bool Aborted { get; init; }

    /// <summary>Answered with 2xx.</summary>
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The outbox row's id from <see cref="DeliveryKey"/>.</summary>
    public Guid? RowId => DeliveryKey is { } key && Guid.TryParseExact(key.Split('.')[0], "N", out var id) ? id : null;

    /// <summary>The text and the cards, for looking for a phrase.</summary>
    public string Content => (Text ?? string.Empty) + "\n" + (Attachments ?? string.Empty);
}
