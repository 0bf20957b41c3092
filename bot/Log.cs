namespace OppBot.Bot;

/// <summary>The host's log messages: ids, channels, counts and reasons; never message text.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Delivery loop {InstanceId} started")]
    public static partial void DeliveryStarted(ILogger logger, string instanceId);

    [LoggerMessage(2, LogLevel.Debug, "Message {MessageId} sent to {Channel} after {Attempts} attempt(s)")]
    public static partial void MessageSent(ILogger logger, Guid messageId, string channel, int attempts);

    [LoggerMessage(3, LogLevel.Warning, "Message {MessageId} to {Channel} not sent ({Reason}); attempt {Attempts}, next at {NextAttemptAt}")]
    public static partial void MessageRetry(ILogger logger, Guid messageId, string channel, string reason, int attempts, DateTimeOffset nextAttemptAt);

    [LoggerMessage(4, LogLevel.Warning, "Message {MessageId} to {Channel} failed for good: {Reason}")]
    public static partial void MessageFailed(ILogger logger, Guid messageId, string channel, string reason);

    [LoggerMessage(5, LogLevel.Error, "Sender for {Channel} threw on message {MessageId}; it will be retried")]
    public static partial void SenderThrew(ILogger logger, Guid messageId, string channel, Exception exception);

    [LoggerMessage(6, LogLevel.Error, "The outcome of message {MessageId} could not be recorded; it may be sent again when its lease expires")]
    public static partial void OutcomeNotSaved(ILogger logger, Guid messageId, Exception exception);

    [LoggerMessage(7, LogLevel.Error, "Delivery pass failed; retrying shortly")]
    public static partial void DeliveryPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Message {MessageId} not sent: its lease is about to expire; given back to be claimed again")]
    public static partial void LeaseExpiring(ILogger logger, Guid messageId);

    [LoggerMessage(10, LogLevel.Warning, "Message {MessageId}: the lease expired and another instance took the row over; this outcome (sent: {Sent}) is not recorded")]
    public static partial void LeaseLost(ILogger logger, Guid messageId, bool sent);

    [LoggerMessage(11, LogLevel.Warning, "Message {MessageId} to {Channel}: the send was stopped at the end of its lease; it will be retried")]
    public static partial void SendOutlastedLease(ILogger logger, Guid messageId, string channel);

    [LoggerMessage(20, LogLevel.Information, "Follow-up sweep: {DealsScanned} deals, {NudgesQueued} nudges, {Escalations} escalations, {Skipped} skipped, {Deferred} deferred, {Released} released, {Conflicts} conflicts")]
    public static partial void SweepFinished(ILogger logger, int dealsScanned, int nudgesQueued, int escalations, int skipped, int deferred, int released, int conflicts);

    [LoggerMessage(21, LogLevel.Error, "Follow-up sweep failed; the next run tries again")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(22, LogLevel.Information, "Weekly review: {TeamsChecked} teams checked, {Posted} posted, {MessagesQueued} messages")]
    public static partial void ReviewFinished(ILogger logger, int teamsChecked, int posted, int messagesQueued);

    [LoggerMessage(23, LogLevel.Error, "Weekly review failed; the next hourly check tries again")]
    public static partial void ReviewFailed(ILogger logger, Exception exception);
}
