using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OppBot.Adapters.Teams.Auth;
using OppBot.Adapters.Teams.Cards;
using OppBot.Adapters.Teams.Protocol;
using OppBot.Domain.Conversations;

namespace OppBot.Adapters.Teams;

/// <summary>
/// POST /api/messages: one Bot Framework activity in, an HTTP answer out (shared/reference §0, §4.7, §8).
/// Malformed body → 400, bad token → 401, unknown invoke → 501, everything else → 200 (the channel must not retry
/// what it sent us). Replies to messages are queued by the conversation core and sent later by the delivery loop;
/// an <c>adaptiveCard/action</c> invoke is answered in the response body with the updated card.
/// </summary>
public sealed class TeamsEndpoint(
    InboundTokenValidator validator,
    ServiceUrlTrust trust,
    ActivityReader reader,
    ConnectorClient connector,
    AdaptiveCardRenderer renderer,
    TeamsTurn turn,
    TimeProvider timeProvider,
    ILogger<TeamsEndpoint> logger)
{
    /// <summary>How long a turn waits for its typing indicator before going on without it.</summary>
    private static readonly TimeSpan TypingBudget = TimeSpan.FromSeconds(2);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var authorization = context.Request.Headers.Authorization.ToString();

        // No token at all: refuse before reading anything (the full check needs the body's serviceUrl, §3.1).
        if (validator.IsEnabled && !InboundTokenValidator.IsBearer(authorization, out _))
        {
            Log.AuthenticationRefused(logger, null, "missing bearer token");
            return Unauthorized();
        }

        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync(context.Request.Body, ProtocolJson.Default.Activity, cancellationToken);
        }
        catch (JsonException)
        {
            return BadRequest("The body is not a JSON activity.");
        }

        if (activity is null)
        {
            return BadRequest("The body is not a JSON activity.");
        }

        if (Problem(activity) is { } problem)
        {
            return BadRequest(problem);
        }

        var auth = await validator.ValidateAsync(authorization, activity, cancellationToken);
        switch (auth.Status)
        {
            case InboundAuthStatus.Refused:
                Log.AuthenticationRefused(logger, activity.Id, auth.Reason);
                return Unauthorized();
            case InboundAuthStatus.Unavailable:
                Log.AuthenticationUnavailable(logger, activity.Id, auth.Reason);
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Authentication is temporarily unavailable.");
        }

        if (auth.ServiceUrlVerified)
        {
            trust.TrustValidated(new Uri(activity.ServiceUrl!));
        }

        return activity.Type switch
        {
            ActivityTypes.Invoke when activity.Name == ActivityTypes.AdaptiveCardActionInvoke =>
                await HandleCardActionAsync(context.RequestServices, activity, cancellationToken),
            ActivityTypes.Invoke => NotImplemented(activity),
            ActivityTypes.Message or ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate =>
                await HandleTurnAsync(context.RequestServices, activity, cancellationToken),
            // messageReaction, typing, event, messageUpdate, endOfConversation, and types Teams adds later (§1.2).
            _ => TypedResults.Ok(),
        };
    }

    /// <summary>What is missing for OppBot to handle the activity at all, or null (shared/reference §1.3).</summary>
    internal static string? Problem(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "The activity has no type.";
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
            || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return "The activity has no absolute http(s) serviceUrl.";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "The activity has no conversation.id.";
        }

        if (activity.Type is ActivityTypes.Message or ActivityTypes.Invoke)
        {
            if (string.IsNullOrWhiteSpace(activity.From?.Id))
            {
                return "The activity has no from.id.";
            }

            if (string.IsNullOrWhiteSpace(activity.Id))
            {
                return "The activity has no id.";
            }
        }

        return null;
    }

    private async Task<IResult> HandleTurnAsync(IServiceProvider services, Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            if (reader.Read(activity) is not { } message)
            {
                return TypedResults.Ok();
            }

            if (activity.Type == ActivityTypes.Message)
            {
                await SendTypingAsync(activity, cancellationToken);
            }
            else if (message.IsInstall && string.IsNullOrWhiteSpace(message.DisplayName))
            {
                // Teams names nobody in install events (§4.3): ask for the member, so the greeting uses their name.
                message = message with { DisplayName = await InstallerNameAsync(activity, cancellationToken) ?? "" };
            }

            // Replies are queued in the outbox by the turn and sent by the delivery loop, not from here.
            await turn(services, message, cancellationToken);
            return TypedResults.Ok();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // One boundary per turn: log, apologise to the user, and answer 200 so the channel does not retry a
            // poison activity forever. Exception text never reaches the user.
            Log.TurnFailed(logger, activity.Id, ex);
            await ApologizeAsync(activity, cancellationToken);
            return TypedResults.Ok();
        }
    }

    private async Task<IResult> HandleCardActionAsync(IServiceProvider services, Activity activity, CancellationToken cancellationToken)
    {
        var locale = activity.Locale;
        try
        {
            if (reader.Read(activity) is not { } message)
            {
                // No value.action: answered in the body as the SDK does, HTTP 200 per the AC spec (§4.6).
                return Invoke(new InvokeResponse(400, InvokeResponse.ErrorType, Error("BadRequest", "Missing value.action.")));
            }

            var result = await turn(services, message, cancellationToken);
            var update = result.CardUpdate;
            if (update?.Cards is { Count: > 0 } cards)
            {
                return Invoke(new InvokeResponse(200, AdaptiveCardRenderer.ContentType, renderer.Render(cards[0], update.Locale)));
            }

            // The card stays as it is; Teams wants a non-empty message value, otherwise it reports a failure (§7 #6).
            var text = !string.IsNullOrWhiteSpace(update?.Text) ? update.Text : Acknowledgement(update?.Locale ?? locale);
            return Invoke(new InvokeResponse(200, InvokeResponse.MessageType, text));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The user is looking at the card: the apology goes in the invoke answer, where Teams shows it.
            Log.TurnFailed(logger, activity.Id, ex);
            return Invoke(new InvokeResponse(500, InvokeResponse.ErrorType, Error("InternalError", Apology(locale))));
        }
    }

    /// <summary>
    /// One typing activity before the turn's slow work. Awaited (no Task.Run with the request's context), but
    /// bounded: one attempt, no retries, at most <see cref="TypingBudget"/>; failures are only logged.
    /// </summary>
    private async Task SendTypingAsync(Activity activity, CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(TypingBudget, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var result = await connector.SendTypingAsync(
                new Uri(activity.ServiceUrl!), activity.Conversation!.Id!, ReplyTo(activity, ActivityTypes.Typing), linked.Token);
            if (!result.IsSuccess)
            {
                Log.TypingNotSent(logger, activity.Id, result.Describe());
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TypingNotSent(logger, activity.Id, "timed out");
        }
    }

    /// <summary>
    /// The name Teams shows for the member who installed OppBot, or null. Bounded like the typing indicator: one
    /// lookup of at most <see cref="TypingBudget"/>; failures are only logged and the turn goes on without a name.
    /// </summary>
    private async Task<string?> InstallerNameAsync(Activity activity, CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(TypingBudget, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var result = await connector.GetConversationMemberAsync(
                new Uri(activity.ServiceUrl!), activity.Conversation!.Id!, activity.From!.Id!, linked.Token);
            if (result.IsSuccess && !string.IsNullOrWhiteSpace(result.Value?.Name))
            {
                return result.Value.Name;
            }

            Log.InstallerNameNotFound(logger, activity.Id, result.IsSuccess ? "no name" : result.Describe());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.InstallerNameNotFound(logger, activity.Id, "timed out");
        }

        return null;
    }

    private async Task ApologizeAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            var apology = ReplyTo(activity, ActivityTypes.Message) with { Text = Apology(activity.Locale) };
            var result = await connector.ReplyToActivityAsync(
                new Uri(activity.ServiceUrl!), activity.Conversation!.Id!, activity.Id ?? "", apology, cancellationToken);
            if (!result.IsSuccess)
            {
                Log.ApologyNotSent(logger, activity.Id, result.Describe());
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ApologyNotSent(logger, activity.Id, ex.GetType().Name);
        }
    }

    /// <summary>An outbound activity addressed back to the sender (shared/reference §1.4).</summary>
    private static Activity ReplyTo(Activity inbound, string type) => new()
    {
        Type = type,
        ChannelId = inbound.ChannelId,
        From = inbound.Recipient,
        Recipient = inbound.From,
        Conversation = new ConversationAccount { Id = inbound.Conversation!.Id, TenantId = inbound.Conversation.TenantId },
        ReplyToId = inbound.Id,
        Locale = inbound.Locale,
    };

    private IResult NotImplemented(Activity activity)
    {
        // The SDK answers unhandled invokes 501 with no body (shared/reference §4.7).
        Log.UnhandledInvoke(logger, activity.Name, activity.Id);
        return TypedResults.StatusCode(StatusCodes.Status501NotImplemented);
    }

    private static IResult Invoke(InvokeResponse body) => TypedResults.Json(body, ProtocolJson.Default.InvokeResponse);

    private static System.Text.Json.Nodes.JsonObject Error(string code, string message) => new() { ["code"] = code, ["message"] = message };

    private IResult BadRequest(string detail)
    {
        Log.MalformedActivity(logger, detail);
        return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity", detail: detail);
    }

    private static IResult Unauthorized() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    private static bool IsChinese(string? locale) => locale is null || locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    internal static string Apology(string? locale) =>
        IsChinese(locale) ? "抱歉，处理时出错了，请稍后再试。" : "Sorry, something went wrong. Please try again.";

    private static string Acknowledgement(string? locale) => IsChinese(locale) ? "已收到。" : "Got it.";
}
