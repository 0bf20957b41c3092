using Microsoft.Extensions.Logging;

namespace OppBot.Adapters.Teams;

/// <summary>The Teams adapter's log messages: ids, codes and statuses only, never message text or tokens.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Bot authentication is OFF (Bot:MicrosoftAppId is empty): /api/messages accepts unauthenticated requests and outbound calls carry no token.")]
    public static partial void AuthenticationDisabled(ILogger logger);

    [LoggerMessage(2, LogLevel.Warning, "Refused activity {ActivityId}: {Reason}")]
    public static partial void AuthenticationRefused(ILogger logger, string? activityId, string? reason);

    [LoggerMessage(3, LogLevel.Error, "Could not check activity {ActivityId}: {Reason}")]
    public static partial void AuthenticationUnavailable(ILogger logger, string? activityId, string? reason);

    [LoggerMessage(4, LogLevel.Information, "Malformed activity: {Problem}")]
    public static partial void MalformedActivity(ILogger logger, string problem);

    [LoggerMessage(5, LogLevel.Information, "Invoke {InvokeName} of activity {ActivityId} is not handled")]
    public static partial void UnhandledInvoke(ILogger logger, string? invokeName, string? activityId);

    [LoggerMessage(6, LogLevel.Error, "Turn for activity {ActivityId} failed")]
    public static partial void TurnFailed(ILogger logger, string? activityId, Exception exception);

    [LoggerMessage(7, LogLevel.Debug, "Typing indicator for activity {ActivityId} not sent: {Outcome}")]
    public static partial void TypingNotSent(ILogger logger, string? activityId, string outcome);

    [LoggerMessage(8, LogLevel.Warning, "Apology for activity {ActivityId} not sent: {Outcome}")]
    public static partial void ApologyNotSent(ILogger logger, string? activityId, string outcome);

    [LoggerMessage(9, LogLevel.Information, "Name of the member who installed OppBot (activity {ActivityId}) not found: {Outcome}")]
    public static partial void InstallerNameNotFound(ILogger logger, string? activityId, string outcome);

    [LoggerMessage(10, LogLevel.Warning, "Token endpoint answered {StatusCode} {Error}")]
    public static partial void TokenFetchFailed(ILogger logger, int statusCode, string error);

    [LoggerMessage(11, LogLevel.Debug, "Fetched a Bot Connector token valid for {ExpiresInSeconds} s")]
    public static partial void TokenFetched(ILogger logger, long expiresInSeconds);

    [LoggerMessage(20, LogLevel.Warning, "{Operation} not sent: serviceUrl host {Host} is not trusted to receive the bot's token")]
    public static partial void UntrustedServiceUrl(ILogger logger, string operation, string host);

    [LoggerMessage(21, LogLevel.Warning, "{Operation} got no answer from the connector ({Code})")]
    public static partial void ConnectorUnreachable(ILogger logger, string operation, string code);

    [LoggerMessage(22, LogLevel.Warning, "{Operation} answered {StatusCode} {ErrorCode} (correlation {CorrelationId})")]
    public static partial void ConnectorCallFailed(ILogger logger, string operation, int statusCode, string? errorCode, string? correlationId);

    [LoggerMessage(23, LogLevel.Information, "{Operation} answered {StatusCode}; retry {Attempt} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, int statusCode, double delayMs, int attempt);

    [LoggerMessage(30, LogLevel.Warning, "Delivery {DeliveryId} cannot be sent to Teams: {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, Guid deliveryId, string reason);

    [LoggerMessage(31, LogLevel.Information, "Delivery {DeliveryId} to Teams will be retried: {Reason}")]
    public static partial void DeliveryDeferred(ILogger logger, Guid deliveryId, string reason);
}
