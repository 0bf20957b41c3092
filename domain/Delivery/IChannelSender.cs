using OppBot.Domain.Conversations;

namespace OppBot.Domain.Delivery;

/// <summary>
/// Port 2: delivers a message to a <see cref="ConversationAddress"/> of one channel.
/// Implemented by the Teams and WeCom adapters (and a recording fake in tests).
/// </summary>
public interface IChannelSender
{
    /// <summary>The channel whose addresses this sender serves (<see cref="ConversationAddress.Channel"/>).</summary>
    string Channel { get; }

    /// <summary>Sends one message. Never throws for channel failures: returns what happened.</summary>
    Task<DeliveryOutcome> SendAsync(Delivery delivery, CancellationToken cancellationToken);
}

/// <summary>One send, as the delivery loop hands it to a sender.</summary>
/// <param name="Id">The outbox row's stable id: the idempotency key.</param>
/// <param name="Address">Where to send.</param>
/// <param name="Reply">What to send.</param>
/// <param name="ReplacesExternalId">When set, update this earlier message in place instead of posting a new one.</param>
/// <remarks>
/// A reply may take several channel messages (Teams: the text, then each card). So that an attempt cut short — a
/// failure, a crash, another instance taking the row over — does not post again what already went out, a sender
/// that posts in parts calls <see cref="RecordProgress"/> after each part but the last, and a later attempt (on any
/// instance) starts at <see cref="PartsDone"/>.
/// </remarks>
public sealed record Delivery(Guid Id, ConversationAddress Address, Reply Reply, string? ReplacesExternalId)
{
    /// <summary>How many of this reply's channel messages earlier attempts posted: start after them.</summary>
    public int PartsDone { get; init; }

    /// <summary>The channel's id recorded with <see cref="PartsDone"/> (what later updates target), or null.</summary>
    public string? ExternalIdSoFar { get; init; }

    /// <summary>
    /// Records that the first <c>partsDone</c> messages are out, and the id to keep, before the next is posted. Answers
    /// false when the delivery must stop (another instance took the row over). Null when nothing records progress.
    /// </summary>
    public Func<int, string?, CancellationToken, Task<bool>>? RecordProgress { get; init; }
}

/// <summary>What happened to a send.</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome()
    {
    }

    /// <summary>Delivered; <paramref name="ExternalId"/> is the channel's id of the posted message.</summary>
    public sealed record Sent(string? ExternalId) : DeliveryOutcome;

    /// <summary>The channel is down or throttling: try again, after <paramref name="After"/> if it said so.</summary>
    public sealed record RetryLater(string Reason, TimeSpan? After) : DeliveryOutcome;

    /// <summary>It can never be delivered (bot removed, user gone, address invalid).</summary>
    public sealed record Failed(string Reason) : DeliveryOutcome;
}
