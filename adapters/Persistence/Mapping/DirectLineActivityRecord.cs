namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>
/// A row of directline_activities: one activity of a conversation of the playground's Direct Line endpoint (bot/Playground),
/// stored as the JSON the client gets. <see cref="Sequence"/> is the conversation's watermark position; an updated card is
/// a new row with a higher sequence and the same <see cref="ActivityId"/>, the old row deleted in the same transaction.
/// </summary>
public sealed class DirectLineActivityRecord(string conversationId, long sequence, string activityId, string activity, DateTimeOffset createdAt)
{
    /// <summary>The Direct Line conversation id.</summary>
    public string ConversationId { get; private set; } = conversationId;

    /// <summary>The position in the conversation, from 1; the polling watermark is the last one a client saw.</summary>
    public long Sequence { get; private set; } = sequence;

    /// <summary>The activity's id, unique in its conversation.</summary>
    public string ActivityId { get; private set; } = activityId;

    /// <summary>The activity as JSON.</summary>
    public string Activity { get; private set; } = activity;

    /// <summary>When the row was written.</summary>
    public DateTimeOffset CreatedAt { get; private set; } = createdAt;
}
