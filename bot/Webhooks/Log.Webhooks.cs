namespace OppBot.Bot;

/// <summary>Webhook and CSV log messages (ids 120–139): event ids, endpoint names, counts and reasons; never payloads.</summary>
internal static partial class Log
{
    [LoggerMessage(120, LogLevel.Information, "Webhook sender {InstanceId} started with {Endpoints} endpoint(s)")]
    public static partial void WebhookSenderStarted(ILogger logger, string instanceId, int endpoints);

    [LoggerMessage(121, LogLevel.Debug, "Event {EventId} delivered to {Endpoint} after {Attempts} attempt(s)")]
    public static partial void WebhookDelivered(ILogger logger, Guid eventId, string endpoint, int attempts);

    [LoggerMessage(122, LogLevel.Warning, "Event {EventId} not delivered to {Endpoint} ({Error}); attempt {Attempts}, next at {NextAttemptAt}")]
    public static partial void WebhookRetry(ILogger logger, Guid eventId, string endpoint, int attempts, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(123, LogLevel.Warning, "Event {EventId} to {Endpoint} given up after {Attempts} attempt(s): {Error}")]
    public static partial void WebhookFailed(ILogger logger, Guid eventId, string endpoint, int attempts, string error);

    [LoggerMessage(124, LogLevel.Error, "The outcome of event {EventId} to {Endpoint} could not be recorded; it may be posted again when its lease expires")]
    public static partial void WebhookOutcomeNotSaved(ILogger logger, Guid eventId, string endpoint, Exception exception);

    [LoggerMessage(125, LogLevel.Error, "Webhook pass failed; retrying shortly")]
    public static partial void WebhookPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(126, LogLevel.Information, "Webhook log: {Count} delivered row(s) past their keeping time removed")]
    public static partial void WebhookLogTrimmed(ILogger logger, int count);

    [LoggerMessage(130, LogLevel.Information, "CSV import by {UserId}: {Rows} row(s), {Problems} problem(s), {Duplicates} duplicate(s), {Created} created (dry run: {DryRun})")]
    public static partial void CsvImported(ILogger logger, Guid userId, int rows, int problems, int duplicates, int created, bool dryRun);
}
