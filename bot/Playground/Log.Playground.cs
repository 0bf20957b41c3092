namespace OppBot.Bot;

/// <summary>The playground's log messages (ids 60–79).</summary>
internal static partial class Log
{
    [LoggerMessage(60, LogLevel.Warning, "Playground is on and answers callers from any machine (Playground:Enabled=true); anyone who reaches this host can act as any demo person")]
    public static partial void PlaygroundOpenToAll(ILogger logger);

    [LoggerMessage(61, LogLevel.Information, "Playground: Web Chat at {Url}")]
    public static partial void PlaygroundReady(ILogger logger, string url);

    [LoggerMessage(62, LogLevel.Warning, "Playground: Web Chat was not bundled by the build (bot/wwwroot/webchat/webchat.js is missing); install Node.js and npm and build again")]
    public static partial void WebChatMissing(ILogger logger);

    [LoggerMessage(63, LogLevel.Error, "Direct Line turn failed in conversation {ConversationId} (activity {ActivityId})")]
    public static partial void DirectLineTurnFailed(ILogger logger, string conversationId, string activityId, Exception exception);

    [LoggerMessage(64, LogLevel.Warning, "Message {MessageId} could not be written to its Direct Line transcript; it will be retried")]
    public static partial void DirectLineWriteFailed(ILogger logger, Guid messageId, Exception exception);

    [LoggerMessage(65, LogLevel.Information, "Demo data seeded: {People} people, {Deals} deals, {Approvals} approvals")]
    public static partial void DemoSeeded(ILogger logger, int people, int deals, int approvals);

    [LoggerMessage(66, LogLevel.Information, "Demo data not seeded: the database already has deals")]
    public static partial void DemoSkipped(ILogger logger);

    [LoggerMessage(67, LogLevel.Information, "Playground: scheduled jobs run now: {NudgesQueued} nudges, {Reviews} team reviews ({ReviewMessages} messages)")]
    public static partial void PlaygroundJobsRun(ILogger logger, int nudgesQueued, int reviews, int reviewMessages);
}
