using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using OppBot.Domain.Conversations;

namespace OppBot.Bot.Playground;

/// <summary>
/// The part of Direct Line 3.0 that Web Chat (botframework-directlinejs) uses with polling, served by OppBot itself under
/// <c>/v3/directline</c>: tokens, start or resume a conversation, post an activity, get activities after a watermark.
/// Every call but token generation needs a token for the conversation it names (403 otherwise, which Web Chat reads as
/// an expired token). WebSocket streaming and uploads are not offered: the conversation answers without a
/// <c>streamUrl</c>, so clients poll (Web Chat with <c>webSocket: false</c>).
/// </summary>
public static class DirectLineEndpoints
{
    /// <summary>The route prefix, which is Web Chat's <c>domain</c> option.</summary>
    public const string Prefix = "/v3/directline";

    /// <summary>The largest activity accepted from a client.</summary>
    public const long MaxActivityBytes = 256 * 1024;

    /// <summary>Maps the routes on <paramref name="group"/> (the playground's group, with its caller filter).</summary>
    public static void Map(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var directLine = group.MapGroup(Prefix);
        directLine.MapPost("/tokens/generate", GenerateAsync);
        directLine.MapPost("/tokens/refresh", RefreshAsync);
        directLine.MapPost("/conversations", StartAsync);
        directLine.MapGet("/conversations/{conversationId}", ResumeAsync);
        directLine.MapPost("/conversations/{conversationId}/activities", PostActivityAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxActivityBytes));
        directLine.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
    }

    /// <summary>
    /// A token for a new conversation. The body may name the user (<c>{"user":{"id":…,"name":…}}</c>); otherwise the
    /// user is a new anonymous one. There is no Direct Line secret: the playground is local (see <see cref="PlaygroundOptions"/>).
    /// </summary>
    private static async Task<IResult> GenerateAsync(HttpRequest request, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        string? userId = null, userName = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            var user = (body as JsonObject)?["user"] as JsonObject;
            userId = Text(user?["id"]);
            userName = Text(user?["name"]);
        }

        var grant = new DirectLineGrant(NewId("dl-conv-"), string.IsNullOrWhiteSpace(userId) ? NewId("dl_") : userId.Trim(), userName, ConversationKind.Personal);
        return TypedResults.Ok(Conversation(grant, await tokens.IssueAsync(grant, cancellationToken)));
    }

    private static async Task<IResult> RefreshAsync(HttpRequest request, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var grant = await tokens.ValidateAsync(request.Headers.Authorization, cancellationToken);
        return grant is null ? Forbidden() : TypedResults.Ok(Conversation(grant, await tokens.IssueAsync(grant, cancellationToken)));
    }

    /// <summary>Starts the token's conversation (201); the first time, OppBot greets as it does when installed in Teams.</summary>
    private static async Task<IResult> StartAsync(HttpContext context, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var grant = await tokens.ValidateAsync(context.Request.Headers.Authorization, cancellationToken);
        if (grant is null)
        {
            return Forbidden();
        }

        string? locale = null;
        if (context.Request.ContentLength is > 0)
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            locale = Text((body as JsonObject)?["locale"]);
        }

        await GreetOnceAsync(context, grant, locale, cancellationToken);
        return TypedResults.Created($"{Prefix}/conversations/{grant.ConversationId}", Conversation(grant, await tokens.IssueAsync(grant, cancellationToken)));
    }

    /// <summary>Reconnects to a conversation (Web Chat given a <c>conversationId</c>); greets like a start when it is new.</summary>
    private static async Task<IResult> ResumeAsync(string conversationId, HttpContext context, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var grant = await AuthorizeAsync(context, tokens, conversationId, cancellationToken);
        if (grant is null)
        {
            return Forbidden();
        }

        await GreetOnceAsync(context, grant, null, cancellationToken);
        return TypedResults.Ok(Conversation(grant, await tokens.IssueAsync(grant, cancellationToken)));
    }

    /// <summary>
    /// A client's activity: stored with an id, the server's timestamp and the token's user (the echo Web Chat waits for
    /// before it marks a message sent), then, for messages, one turn of the conversation core. The bot's replies are
    /// queued in the outbox by the turn and written to the transcript by the delivery loop.
    /// </summary>
    private static async Task<IResult> PostActivityAsync(
        string conversationId, HttpContext context, DirectLineTokens tokens, DirectLineTranscript transcript, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var grant = await AuthorizeAsync(context, tokens, conversationId, cancellationToken);
        if (grant is null)
        {
            return Forbidden();
        }

        using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
        var posted = document.RootElement;
        if (posted.ValueKind != JsonValueKind.Object || !posted.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity", detail: "The body is not an activity with a type.");
        }

        var id = "u-" + (DirectLineReader.ClientActivityId(posted) ?? Guid.NewGuid().ToString("N"));
        var echo = JsonNode.Parse(posted.GetRawText())!.AsObject();
        echo["id"] = id;
        echo.Remove("timestamp");
        echo["channelId"] = DirectLineSender.ChannelName;
        echo["conversation"] = new JsonObject { ["id"] = conversationId };
        echo["from"] = new JsonObject { ["id"] = grant.UserId, ["name"] = grant.UserName ?? Text((echo["from"] as JsonObject)?["name"]), ["role"] = "user" };
        await transcript.AppendAsync(conversationId, [echo], cancellationToken);

        if (DirectLineReader.Read(posted, grant, id) is { } message)
        {
            await RunTurnAsync(context.RequestServices, transcript, message, id, Logger(loggers), cancellationToken);
        }

        return TypedResults.Ok(new JsonObject { ["id"] = id });
    }

    private static async Task<IResult> GetActivitiesAsync(
        string conversationId, string? watermark, HttpContext context, DirectLineTokens tokens, DirectLineTranscript transcript,
        CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(context, tokens, conversationId, cancellationToken) is null)
        {
            return Forbidden();
        }

        var after = long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0;
        var group = await transcript.ReadAsync(conversationId, after, cancellationToken);
        return TypedResults.Ok(new JsonObject
        {
            ["activities"] = new JsonArray([.. group.Activities]),
            ["watermark"] = group.Watermark.ToString(CultureInfo.InvariantCulture),
        });
    }

    // One boundary per turn, as in the Teams endpoint: log, apologise in the conversation, answer the client 200 so it
    // does not post the same message again. Exception text never reaches the user. Null when the turn failed.
    private static async Task<TurnResult?> RunTurnAsync(
        IServiceProvider services, DirectLineTranscript transcript, IncomingMessage message, string activityId, ILogger logger,
        CancellationToken cancellationToken)
    {
        try
        {
            return await services.GetRequiredService<OppBotConversation>().HandleAsync(message, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var conversationId = message.Address.Key;
            Log.DirectLineTurnFailed(logger, conversationId, activityId, ex);
            var apology = DirectLineRenderer.Apology(conversationId, message.Locale);
            apology["id"] = activityId + "-apology";
            apology["replyToId"] = activityId;
            await transcript.AppendAsync(conversationId, [apology], cancellationToken);
            return null;
        }
    }

    // A conversation opened for the first time: OppBot greets as when it is installed in Teams; someone it knows
    // already gets no greeting, so it shows them what it can do instead.
    private static async Task GreetOnceAsync(HttpContext context, DirectLineGrant grant, string? locale, CancellationToken cancellationToken)
    {
        var transcript = context.RequestServices.GetRequiredService<DirectLineTranscript>();
        if (!await transcript.IsEmptyAsync(grant.ConversationId, cancellationToken))
        {
            return;
        }

        var logger = Logger(context.RequestServices.GetRequiredService<ILoggerFactory>());
        var greeting = await RunTurnAsync(context.RequestServices, transcript, DirectLineReader.Start(grant, locale), "start", logger, cancellationToken);
        if (greeting is { Duplicate: false, Replies.Count: 0 })
        {
            await RunTurnAsync(context.RequestServices, transcript, DirectLineReader.Help(grant, locale), "start-help", logger, cancellationToken);
        }

        // A resume is a GET, which does not wake the delivery loop by itself.
        context.RequestServices.GetRequiredService<DeliverySignal>().Notify();
    }

    private static async Task<DirectLineGrant?> AuthorizeAsync(HttpContext context, DirectLineTokens tokens, string conversationId, CancellationToken cancellationToken)
    {
        var grant = await tokens.ValidateAsync(context.Request.Headers.Authorization, cancellationToken);
        return grant?.ConversationId == conversationId ? grant : null;
    }

    private static JsonObject Conversation(DirectLineGrant grant, DirectLineToken token) => new()
    {
        ["conversationId"] = grant.ConversationId,
        ["token"] = token.Token,
        ["expires_in"] = token.ExpiresIn,
    };

    private static IResult Forbidden() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The token is missing, expired, or not for this conversation.");

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N");

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger(typeof(DirectLineEndpoints).FullName!);

    // A JSON string's value; null for anything else (a client may send any shape).
    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
