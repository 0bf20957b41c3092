using Microsoft.Extensions.Logging;

namespace OppBot.Adapters.WeCom;

/// <summary>
/// The WeCom adapter's log lines. Never message text, tokens, secrets, webhook keys or response codes:
/// ids, codes and reasons only.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning,
        Message = "WeCom callback refused with {Status}: {Reason} (code {Code})")]
    public static partial void CallbackRefused(ILogger logger, int status, string reason, int code);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "WeCom callback URL verified")]
    public static partial void UrlVerified(ILogger logger);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug,
        Message = "WeCom callback acknowledged without a turn: MsgType {MsgType}, Event {Event}")]
    public static partial void MessageIgnored(ILogger logger, string msgType, string? @event);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "WeCom turn {DedupeKey} handled")]
    public static partial void TurnHandled(ILogger logger, string dedupeKey);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "WeCom turn {DedupeKey} canceled: WeCom hung up and will retry")]
    public static partial void TurnCanceled(ILogger logger, string dedupeKey);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error,
        Message = "WeCom turn {DedupeKey} failed; the user gets an apology and WeCom an acknowledgement")]
    public static partial void TurnFailed(ILogger logger, string dedupeKey, Exception exception);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning,
        Message = "WeCom apology for turn {DedupeKey} not sent (errcode {ErrCode})")]
    public static partial void ApologyFailed(ILogger logger, string dedupeKey, int errCode, Exception? exception);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "WeCom access token fetched, valid for {ExpiresIn} s")]
    public static partial void TokenFetched(ILogger logger, int expiresIn);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error,
        Message = "WeCom gettoken failed with errcode {ErrCode} ({ErrMsg}); check WeCom:CorpId, WeCom:Secret and the trusted IPs")]
    public static partial void TokenFailed(ILogger logger, int errCode, string errMsg);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning,
        Message = "WeCom {Path} rejected the access token (errcode {ErrCode}); fetching a new one")]
    public static partial void AccessTokenRejected(ILogger logger, string path, int errCode);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning,
        Message = "WeCom {Path} throttled (errcode {ErrCode}); retrying in {Delay}")]
    public static partial void Throttled(ILogger logger, string path, int errCode, TimeSpan delay);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning, Message = "WeCom {Path} answered errcode {ErrCode} ({ErrMsg})")]
    public static partial void ApiError(ILogger logger, string path, int errCode, string errMsg);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Warning, Message = "WeCom {Path} answered HTTP {Status}")]
    public static partial void HttpStatus(ILogger logger, string path, int status);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Warning, Message = "WeCom {Path} could not be reached")]
    public static partial void TransportFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Error, Message = "WeCom cannot render delivery {DeliveryId}")]
    public static partial void RenderFailed(ILogger logger, Guid deliveryId, Exception exception);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information,
        Message = "WeCom refused to update the card of delivery {DeliveryId} (errcode {ErrCode}); sending it as a new message")]
    public static partial void CardUpdateRefused(ILogger logger, Guid deliveryId, int errCode);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Information,
        Message = "WeCom robot of team {TeamId} was busy; {Count} replies went out as one digest")]
    public static partial void RobotDigestSent(ILogger logger, string teamId, int count);
}
