namespace OppBot.Domain.Conversations;

/// <summary>The kind of conversation a message came from.</summary>
public enum ConversationKind
{
    /// <summary>A one-to-one chat between a user and the bot.</summary>
    Personal,

    /// <summary>A group chat with several people.</summary>
    Group,

    /// <summary>A team channel.</summary>
    Channel,
}
