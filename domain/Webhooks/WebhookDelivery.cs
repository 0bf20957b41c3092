using OppBot.Domain.Audit;

namespace OppBot.Domain.Webhooks;

/// <summary>Where a webhook delivery stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Not delivered yet; tried again at <see cref="WebhookDelivery.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Given up on (the endpoint was removed, or it kept failing for too long).</summary>
    Failed,
}

/// <summary>
/// One event to post to one endpoint: a row of the webhook outbox, written in the same transaction as the event and
/// sent afterwards by the host's webhook sender. It keeps its own delivery log: attempts, the last status code and
/// error, when it was delivered or given up on.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>The longest error text kept.</summary>
    public const int MaxErrorLength = 500;

    private WebhookDelivery()
    {
        Endpoint = string.Empty;
        EventType = string.Empty;
        TeamId = string.Empty;
        Payload = string.Empty;
    }

    /// <summary>A delivery of <paramref name="e"/> to <paramref name="endpoint"/>, due at once.</summary>
    public WebhookDelivery(string endpoint, DomainEvent e, string payload)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        ArgumentNullException.ThrowIfNull(e);
        ArgumentException.ThrowIfNullOrWhiteSpace(payload);
        Id = Guid.NewGuid();
        Endpoint = endpoint;
        EventId = e.Id;
        EventType = WebhookEvents.NameOf(e.Type) ?? e.Type.ToString();
        TeamId = e.TeamId;
        Payload = payload;
        CreatedAt = e.At;
        NextAttemptAt = e.At;
    }

    /// <summary>The row's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The configured endpoint's name.</summary>
    public string Endpoint { get; private set; }

    /// <summary>The event's stable id, sent as <c>X-OppBot-Event-Id</c>.</summary>
    public Guid EventId { get; private set; }

    /// <summary>The event's wire name (<c>opportunity.won</c>).</summary>
    public string EventType { get; private set; }

    /// <summary>The deal's team (who may read the log).</summary>
    public string TeamId { get; private set; }

    /// <summary>The JSON body.</summary>
    public string Payload { get; private set; }

    /// <summary>When the event happened (and the row became due).</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the next attempt is due.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>How many posts were tried.</summary>
    public int Attempts { get; private set; }

    /// <summary>When the last post was tried.</summary>
    public DateTimeOffset? LastAttemptAt { get; private set; }

    /// <summary>The HTTP status of the last attempt; null when there was no answer (refused, timed out).</summary>
    public int? LastStatusCode { get; private set; }

    /// <summary>What went wrong last (kept after a later success, for diagnosis).</summary>
    public string? LastError { get; private set; }

    /// <summary>When the receiver accepted it.</summary>
    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>When it was given up on.</summary>
    public DateTimeOffset? FailedAt { get; private set; }

    /// <summary>The instance that claimed the row, while its lease lasts.</summary>
    public string? LeaseOwner { get; private set; }

    /// <summary>When the claim expires.</summary>
    public DateTimeOffset? LeaseUntil { get; private set; }

    /// <summary>Where it stands.</summary>
    public WebhookDeliveryStatus Status =>
        DeliveredAt is not null ? WebhookDeliveryStatus.Delivered : FailedAt is not null ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;

    /// <summary>Claims the row for one instance until <paramref name="until"/>.</summary>
    public void Claim(string owner, DateTimeOffset until)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        LeaseOwner = owner;
        LeaseUntil = until;
    }

    /// <summary>The receiver answered <paramref name="statusCode"/> (2xx).</summary>
    public void MarkDelivered(int statusCode, DateTimeOffset now)
    {
        Attempted(statusCode, now);
        DeliveredAt = now;
    }

    /// <summary>The attempt failed; try again at <paramref name="next"/>.</summary>
    public void MarkRetry(int? statusCode, string error, DateTimeOffset now, DateTimeOffset next)
    {
        Attempted(statusCode, now);
        LastError = Shorten(error);
        NextAttemptAt = next;
    }

    /// <summary>The attempt failed and there will be no other.</summary>
    public void MarkFailed(int? statusCode, string error, DateTimeOffset now)
    {
        Attempted(statusCode, now);
        LastError = Shorten(error);
        FailedAt = now;
    }

    private void Attempted(int? statusCode, DateTimeOffset now)
    {
        Attempts++;
        LastAttemptAt = now;
        LastStatusCode = statusCode;
        LeaseOwner = null;
        LeaseUntil = null;
    }

    private static string Shorten(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}
