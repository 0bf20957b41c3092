namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>A row of processed_messages: an inbound message already handled. Its key is the primary key, so a second
/// instance handling the same activity fails to insert it and its whole turn rolls back.</summary>
internal sealed class ProcessedMessage(string dedupeKey, DateTimeOffset processedAt)
{
    /// <summary>The channel's dedupe key (<c>teams:{activity id}</c>, <c>wecom:{MsgId}</c>).</summary>
    public string DedupeKey { get; private set; } = dedupeKey;

    /// <summary>When it was handled.</summary>
    public DateTimeOffset ProcessedAt { get; private set; } = processedAt;
}
