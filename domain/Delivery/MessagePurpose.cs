namespace OppBot.Domain.Delivery;

/// <summary>Why a message is sent.</summary>
public enum MessagePurpose
{
    /// <summary>An answer to what a user said.</summary>
    Reply,

    /// <summary>A reminder about due or stalled deals.</summary>
    Nudge,

    /// <summary>A post to a team's broadcast channel.</summary>
    Broadcast,

    /// <summary>An approval card sent to a manager.</summary>
    ApprovalRequest,

    /// <summary>An in-place update of an earlier card.</summary>
    CardUpdate,

    /// <summary>The weekly pipeline review.</summary>
    Review,
}
