namespace OppBot.Domain.Conversations;

/// <summary>
/// The channel-neutral conversation core: a message in, replies out (queued in the outbox in the same
/// transaction as the change they describe).
/// </summary>
public sealed partial class OppBotConversation
{
    /// <summary>Handles one turn. Retried messages (same <see cref="IncomingMessage.DedupeKey"/>) are handled once.</summary>
    public Task<TurnResult> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        throw new NotSupportedException("being written");
    }
}
