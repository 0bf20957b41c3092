using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OppBot.Adapters.Teams.Auth;
using OppBot.Adapters.Teams.Protocol;

namespace OppBot.Adapters.Teams;

/// <summary>
/// Typed HttpClient for the Bot Connector REST API at an activity's serviceUrl (shared/reference §2).
/// Adds the bot's token only when authentication is on and only for trusted hosts (<see cref="ServiceUrlTrust"/>),
/// paces writes per conversation (<see cref="ConversationPacer"/>), and retries throttling and outages with
/// exponential backoff honouring Retry-After (§4.11). Every call answers a <see cref="ConnectorResult{T}"/>.
/// </summary>
public sealed class ConnectorClient(
    HttpClient httpClient,
    OutboundTokenSource tokens,
    ServiceUrlTrust trust,
    ConversationPacer pacer,
    IOptions<TeamsOptions> options,
    TimeProvider timeProvider,
    ILogger<ConnectorClient> logger)
{
    private const int MaxErrorMessageLength = 200;
    private static readonly TimeSpan BaseBackoff = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The header that carries the outbox row a call delivers (<c>{row id:N}.{part}</c>, see <see cref="TeamsSender"/>).
    /// The Bot Connector ignores it and has no idempotency key of its own; it lets a proxy, a log or a test's fake
    /// connector tie every call to its outbox row, and so count a row posted twice.
    /// </summary>
    public const string DeliveryHeader = "X-OppBot-Delivery";

    /// <summary><c>POST v3/conversations/{conversationId}/activities</c>.</summary>
    public Task<ConnectorResult<ResourceResponse>> SendToConversationAsync(
        Uri serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendToConversationAsync(serviceUrl, conversationId, activity, deliveryKey: null, cancellationToken);

    /// <summary><c>POST v3/conversations/{conversationId}/activities</c>, naming the outbox row in <see cref="DeliveryHeader"/>.</summary>
    public Task<ConnectorResult<ResourceResponse>> SendToConversationAsync(
        Uri serviceUrl, string conversationId, Activity activity, string? deliveryKey, CancellationToken cancellationToken) =>
        SendAsync(
            new Call("SendToConversation", HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", conversationId)
            {
                DeliveryKey = deliveryKey,
            },
            activity, ProtocolJson.Default.Activity, ProtocolJson.Default.ResourceResponse, cancellationToken);

    /// <summary><c>POST v3/conversations/{conversationId}/activities/{activityId}</c>: a reply to an inbound activity.</summary>
    public Task<ConnectorResult<ResourceResponse>> ReplyToActivityAsync(
        Uri serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(
            new Call("ReplyToActivity", HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", conversationId),
            activity with { ReplyToId = activityId }, ProtocolJson.Default.Activity, ProtocolJson.Default.ResourceResponse, cancellationToken);

    /// <summary><c>PUT v3/conversations/{conversationId}/activities/{activityId}</c>: replaces an earlier bot message (§4.8).</summary>
    public Task<ConnectorResult<ResourceResponse>> UpdateActivityAsync(
        Uri serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, deliveryKey: null, cancellationToken);

    /// <summary><c>PUT v3/conversations/{conversationId}/activities/{activityId}</c>, naming the outbox row in <see cref="DeliveryHeader"/>.</summary>
    public Task<ConnectorResult<ResourceResponse>> UpdateActivityAsync(
        Uri serviceUrl, string conversationId, string activityId, Activity activity, string? deliveryKey, CancellationToken cancellationToken) =>
        SendAsync(
            new Call("UpdateActivity", HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", conversationId)
            {
                DeliveryKey = deliveryKey,
            },
            activity with { Id = activityId }, ProtocolJson.Default.Activity, ProtocolJson.Default.ResourceResponse, cancellationToken);

    /// <summary><c>DELETE v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    public Task<ConnectorResult<ResourceResponse>> DeleteActivityAsync(
        Uri serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        SendAsync<Activity, ResourceResponse>(
            new Call("DeleteActivity", HttpMethod.Delete, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", conversationId),
            null, null, null, cancellationToken);

    /// <summary><c>POST v3/conversations</c>: a proactive 1:1 chat or a new channel thread (§2.3).</summary>
    public Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(
        Uri serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        // Paced like a send to the conversation it creates: the user for a 1:1, the channel for a thread.
        var pacingKey = parameters.ChannelData?.Channel?.Id ?? parameters.Members?.FirstOrDefault()?.Id;
        return SendAsync(
            new Call("CreateConversation", HttpMethod.Post, serviceUrl, "v3/conversations", pacingKey),
            parameters, ProtocolJson.Default.ConversationParameters, ProtocolJson.Default.ConversationResourceResponse, cancellationToken);
    }

    /// <summary><c>GET v3/conversations/{conversationId}/members</c> (legacy, fine for chats and small teams).</summary>
    public Task<ConnectorResult<List<ChannelAccount>>> GetConversationMembersAsync(
        Uri serviceUrl, string conversationId, CancellationToken cancellationToken) =>
        SendAsync<Activity, List<ChannelAccount>>(
            new Call("GetConversationMembers", HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members", null),
            null, null, ProtocolJson.Default.ListChannelAccount, cancellationToken);

    /// <summary>
    /// <c>GET v3/conversations/{conversationId}/members/{memberId}</c>: one member (Teams user id, AAD object id or UPN)
    /// with the name Teams shows for them (shared/reference §2.2).
    /// </summary>
    public Task<ConnectorResult<ChannelAccount>> GetConversationMemberAsync(
        Uri serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken) =>
        SendAsync<Activity, ChannelAccount>(
            new Call("GetConversationMember", HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members/{Escape(memberId)}", null),
            null, null, ProtocolJson.Default.ChannelAccount, cancellationToken);

    /// <summary>
    /// Sends a typing indicator: one attempt, no waiting for pacing or retries, so it never holds up a turn.
    /// </summary>
    public Task<ConnectorResult<ResourceResponse>> SendTypingAsync(
        Uri serviceUrl, string conversationId, Activity typing, CancellationToken cancellationToken) =>
        SendAsync(
            new Call("SendTyping", HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", conversationId, Retry: false),
            typing, ProtocolJson.Default.Activity, ProtocolJson.Default.ResourceResponse, cancellationToken);

    private async Task<ConnectorResult<TResponse>> SendAsync<TRequest, TResponse>(
        Call call,
        TRequest? body,
        JsonTypeInfo<TRequest>? requestType,
        JsonTypeInfo<TResponse>? responseType,
        CancellationToken cancellationToken)
        where TRequest : class
    {
        var settings = options.Value;
        if (tokens.IsEnabled && !trust.IsTrusted(call.ServiceUrl))
        {
            Log.UntrustedServiceUrl(logger, call.Operation, call.ServiceUrl.Host);
            return new(default, null, LocalErrors.UntrustedServiceUrl, call.ServiceUrl.Host);
        }

        var retriedUnauthorized = false;
        for (var attempt = 0; ; attempt++)
        {
            if (await WaitForPacingAsync(call, settings, cancellationToken) is { } paced)
            {
                return new(default, null, LocalErrors.Paced, null, paced, IsTransient: true);
            }

            string? token = null;
            if (tokens.IsEnabled)
            {
                try
                {
                    token = await tokens.GetTokenAsync(cancellationToken);
                }
                catch (HttpRequestException ex)
                {
                    return new(default, null, LocalErrors.TokenUnavailable, ex.Message, IsTransient: true);
                }
            }

            using var request = new HttpRequestMessage(call.Method, call.Url);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, requestType!);
            }

            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (call.DeliveryKey is not null)
            {
                request.Headers.TryAddWithoutValidation(DeliveryHeader, call.DeliveryKey);
            }

            HttpResponseMessage response;
            try
            {
                response = await httpClient.SendAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The request may have reached the connector: only idempotent calls are repeated here (§4.11).
                var code = ex is HttpRequestException ? LocalErrors.Network : LocalErrors.Timeout;
                Log.ConnectorUnreachable(logger, call.Operation, code);
                if (call.Retry && call.IsIdempotent && attempt < settings.MaxRetries)
                {
                    await Task.Delay(Backoff(attempt, settings), timeProvider, cancellationToken);
                    continue;
                }

                return new(default, null, code, null, IsTransient: true);
            }

            using (response)
            {
                var status = response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return new(await ReadBodyAsync(response, responseType, cancellationToken), status);
                }

                // A stale or revoked token: fetch a new one and try once more (§3.5), not counted as a retry.
                if (status == HttpStatusCode.Unauthorized && token is not null && !retriedUnauthorized)
                {
                    tokens.Invalidate(token);
                    retriedUnauthorized = true;
                    attempt--;
                    continue;
                }

                var (errorCode, errorMessage) = await ReadErrorAsync(response, cancellationToken);
                var retryAfter = RetryAfter(response);
                var failure = new ConnectorResult<TResponse>(default, status, errorCode, errorMessage, retryAfter, IsTransient(status));
                Log.ConnectorCallFailed(logger, call.Operation, (int)status, errorCode, CorrelationId(response));

                if (!call.Retry || !ShouldRetryHere(call, status) || attempt >= settings.MaxRetries)
                {
                    return failure;
                }

                var delay = retryAfter ?? Backoff(attempt, settings);
                if (delay > settings.MaxRetryDelay)
                {
                    // Too long to hold the caller: hand the wait back (the delivery loop reschedules the message).
                    return failure;
                }

                Log.Retrying(logger, call.Operation, (int)status, delay.TotalMilliseconds, attempt + 1);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
        }
    }

    /// <summary>Null when the call may go now; otherwise the wait it was refused for.</summary>
    private async Task<TimeSpan?> WaitForPacingAsync(Call call, TeamsOptions settings, CancellationToken cancellationToken)
    {
        if (call.PacingKey is null || call.Method == HttpMethod.Get)
        {
            return null;
        }

        for (var waits = 0; ; waits++)
        {
            if (pacer.TryTake(call.PacingKey) is not { } wait)
            {
                return null;
            }

            if (!call.Retry || wait > settings.MaxRetryDelay || waits >= settings.MaxRetries)
            {
                return wait;
            }

            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }

    /// <summary>Teams' transient statuses (§2.4, §4.11): throttled, concurrent operation, outages.</summary>
    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed || (int)status >= 500;

    /// <summary>
    /// Which failures this client repeats itself. A POST only when the connector certainly rejected it
    /// (429, 412, 503), because a repeated POST after a 502/504 may post twice (§4.11); PUT, DELETE and GET also
    /// after 502/504. A 500 is not repeated here (Teams: "ServiceError, report"); the caller decides.
    /// </summary>
    private static bool ShouldRetryHere(Call call, HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.ServiceUnavailable
        || (call.IsIdempotent && status is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout);

    private static TimeSpan Backoff(int attempt, TeamsOptions settings)
    {
        // 1 s, 2 s, 4 s … with ±20 % jitter so instances throttled together do not retry together.
        var exponential = BaseBackoff * Math.Pow(2, attempt) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return exponential < settings.MaxRetryDelay ? exponential : settings.MaxRetryDelay;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static async Task<T?> ReadBodyAsync<T>(HttpResponseMessage response, JsonTypeInfo<T>? type, CancellationToken cancellationToken)
    {
        if (type is null)
        {
            return default;
        }

        // 201/202 may come without a body; a missing or odd body is not a failed send.
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize(text, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static async Task<(string? Code, string? Message)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        try
        {
            var error = JsonSerializer.Deserialize(text, ProtocolJson.Default.ErrorResponse);
            return error?.Error is { } inner
                ? (inner.Code, Truncate(inner.Message))
                : (error?.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture), Truncate(error?.Message));
        }
        catch (JsonException)
        {
            return (null, Truncate(text));
        }
    }

    private static string? Truncate(string? text) =>
        text is { Length: > MaxErrorMessageLength } ? text[..MaxErrorMessageLength] : text;

    private static string? CorrelationId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Correlating-OperationId", out var values) ? values.FirstOrDefault() : null;

    /// <summary>Each id is one escaped path segment: Teams ids contain ':', '@', ';', '=' and even '/' (§2.1).</summary>
    private static string Escape(string segment)
    {
        ArgumentException.ThrowIfNullOrEmpty(segment);
        return Uri.EscapeDataString(segment);
    }

    /// <param name="PacingKey">The conversation the call writes to (paced), or null.</param>
    /// <param name="Retry">False for best-effort calls (typing): one attempt, no waiting.</param>
    private sealed record Call(string Operation, HttpMethod Method, Uri ServiceUrl, string RelativePath, string? PacingKey, bool Retry = true)
    {
        // Join without losing the serviceUrl's region path (/amer/): never new Uri(base, "/v3/…") (§2.1).
        public Uri Url { get; } = new(ServiceUrl.AbsoluteUri.TrimEnd('/') + "/" + RelativePath);

        public bool IsIdempotent => Method != HttpMethod.Post;

        /// <summary>The outbox row (and part) this call delivers, sent in <see cref="DeliveryHeader"/>; null for other calls.</summary>
        public string? DeliveryKey { get; init; }
    }
}
