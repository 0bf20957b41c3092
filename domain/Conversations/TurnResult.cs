namespace OppBot.Domain.Conversations;

/// <summary>What a turn produced, for the endpoint that answered the channel.</summary>
/// <param name="Replies">Replies to the sender's conversation; already queued in the outbox.</param>
/// <param name="CardUpdate">
/// For card actions on channels that update cards in place: the card that replaces the one clicked,
/// returned synchronously (Teams invoke response). Null when the card stays as it is.
/// </param>
/// <param name="Duplicate">True when the message was a retry of one already handled: nothing was done.</param>
public sealed record TurnResult(IReadOnlyList<Reply> Replies, Reply? CardUpdate, bool Duplicate)
{
    /// <summary>The result of a retried message.</summary>
    public static TurnResult Retried { get; } = new([], null, true);
}
