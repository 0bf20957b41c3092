using OppBot.Domain.Conversations;

namespace OppBot.Domain.Delivery;

/// <summary>
/// One row of the outbox: a message written in the same transaction as the change that caused it,
/// and delivered afterwards by the delivery loop through the adapter that owns <see cref="Address"/>.
/// </summary>
public sealed class OutgoingMessage
{
    private OutgoingMessage()
    {
        Address = null!;
        Reply = null!;
    }

    /// <summary>Creates a message due now.</summary>
    public OutgoingMessage(ConversationAddress address, Reply reply, MessagePurpose purpose, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(reply);
        Id = Guid.NewGuid();
        Address = address;
        Reply = reply;
        Purpose = purpose;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    /// <summary>The stable id; adapters use it as the idempotency key of the send.</summary>
    public Guid Id { get; private set; }

    /// <summary>Where it goes.</summary>
    public ConversationAddress Address { get; private set; }

    /// <summary>What it says.</summary>
    public Reply Reply { get; private set; }

    /// <summary>Why it is sent.</summary>
    public MessagePurpose Purpose { get; private set; }

    /// <summary>When it was queued.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it may be sent (next attempt after a failure, or a working-hours slot).</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>How many sends were tried.</summary>
    public int Attempts { get; private set; }

    /// <summary>When it was delivered.</summary>
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>When delivery was given up on, with <see cref="FailureReason"/>.</summary>
    public DateTimeOffset? FailedAt { get; private set; }

    /// <summary>The last failure's reason (kept after a later success for diagnosis).</summary>
    public string? FailureReason { get; private set; }

    /// <summary>The channel's id of the posted message (Teams activity id, WeCom msgid), for later updates.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>How many of its channel messages are out when a send in parts was cut short (see <see cref="Delivery.PartsDone"/>).</summary>
    public int PartsDone { get; private set; }

    /// <summary>When this message replaces an earlier one in place: that message's outbox id.</summary>
    public Guid? Replaces { get; private set; }

    /// <summary>The instance that claimed the row for sending, while its lease lasts.</summary>
    public string? LeaseOwner { get; private set; }

    /// <summary>When the claim expires; another instance may take the row after that.</summary>
    public DateTimeOffset? LeaseUntil { get; private set; }

    /// <summary>Whether it still has to be sent.</summary>
    public bool IsPending => SentAt is null && FailedAt is null;

    /// <summary>Makes this an in-place update of an earlier message.</summary>
    public OutgoingMessage Replacing(Guid earlierMessageId)
    {
        Replaces = earlierMessageId;
        return this;
    }

    /// <summary>Delays the first send (working hours).</summary>
    public OutgoingMessage NotBefore(DateTimeOffset when)
    {
        if (when > NextAttemptAt)
        {
            NextAttemptAt = when;
        }

        return this;
    }

    /// <summary>Claims the row for one instance until <paramref name="until"/>.</summary>
    public void Claim(string owner, DateTimeOffset until)
    {
        LeaseOwner = owner;
        LeaseUntil = until;
    }

    /// <summary>Records that the first <paramref name="partsDone"/> channel messages are out, with the id to keep so far; the lease stays.</summary>
    public void MarkProgress(int partsDone, string? externalId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partsDone);
        PartsDone = partsDone;
        ExternalId = externalId;
    }

    /// <summary>Records a successful send.</summary>
    public void MarkSent(string? externalId, DateTimeOffset now)
    {
        Attempts++;
        SentAt = now;
        ExternalId = externalId;
        LeaseOwner = null;
        LeaseUntil = null;
    }

    /// <summary>Records a failure that may succeed later.</summary>
    public void MarkRetry(string reason, DateTimeOffset nextAttempt)
    {
        Attempts++;
        FailureReason = reason;
        NextAttemptAt = nextAttempt;
        LeaseOwner = null;
        LeaseUntil = null;
    }

    /// <summary>Records a permanent failure (bot removed, user gone); visible to admins.</summary>
    public void MarkFailed(string reason, DateTimeOffset now)
    {
        Attempts++;
        FailureReason = reason;
        FailedAt = now;
        LeaseOwner = null;
        LeaseUntil = null;
    }
}
