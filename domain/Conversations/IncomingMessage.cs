namespace OppBot.Domain.Conversations;

/// <summary>
/// A message from an identified user, already translated from the channel's protocol by an adapter's reader.
/// </summary>
/// <param name="Address">Where replies to this message go.</param>
/// <param name="Kind">Personal chat, group chat or channel.</param>
/// <param name="From">Who sent it, by their identity on the channel.</param>
/// <param name="DisplayName">The sender's display name as the channel knows it.</param>
/// <param name="Locale">The channel's locale for the user (e.g. <c>zh-CN</c>, <c>en-US</c>), if known.</param>
/// <param name="Text">The text typed, with the bot's mention already stripped; null for card submissions.</param>
/// <param name="Submit">The values of a submitted card (verb under <see cref="CardAction.VerbKey"/>), or null.</param>
/// <param name="DedupeKey">A key that is the same when the channel retries the same message.</param>
public sealed record IncomingMessage(
    ConversationAddress Address,
    ConversationKind Kind,
    ChannelIdentity From,
    string DisplayName,
    string? Locale,
    string? Text,
    IReadOnlyDictionary<string, string>? Submit,
    string DedupeKey)
{
    /// <summary>The user installed the bot or opened its chat: answer with a greeting.</summary>
    public bool IsInstall { get; init; }

    /// <summary>The channel's team identifier, when the message came from a team channel.</summary>
    public string? ChannelTeamId { get; init; }

    /// <summary>The address of the user's personal chat when the channel can tell it (for proactive messages).</summary>
    public ConversationAddress? PersonalAddress { get; init; }

    /// <summary>
    /// True when the channel shows replies to card actions in place (Teams <c>Action.Execute</c>):
    /// the turn's <see cref="TurnResult.CardUpdate"/> is returned synchronously.
    /// </summary>
    public bool ExpectsCardUpdate { get; init; }

    /// <summary>True when the channel renders form inputs in a card; otherwise forms run step by step.</summary>
    public bool SupportsForms { get; init; } = true;

    /// <summary>Files attached to the message (a CSV to import), in the order the channel listed them.</summary>
    public IReadOnlyList<IncomingFile> Files { get; init; } = [];

    /// <summary>The verb of a submitted card action, if any.</summary>
    public string? Verb => Submit is not null && Submit.TryGetValue(CardAction.VerbKey, out var verb) ? verb : null;
}
