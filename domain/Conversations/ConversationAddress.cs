namespace OppBot.Domain.Conversations;

/// <summary>
/// Where a message can be delivered. Opaque to the domain: the Teams adapter stores its serialised
/// conversation reference in <see cref="Key"/>, WeCom a user id, a chat id or a robot webhook key.
/// </summary>
/// <param name="Channel">The adapter that owns the address: <c>teams</c>, <c>wecom</c>, <c>directline</c>, ...</param>
/// <param name="Key">The adapter's own serialised reference.</param>
public sealed record ConversationAddress(string Channel, string Key)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Channel}:{Key}";
}
