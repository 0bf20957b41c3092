namespace OppBot.Bot;

internal static partial class Log
{
    [LoggerMessage(40, LogLevel.Information, "API request to {Path} without a key")]
    public static partial void ApiKeyMissing(ILogger logger, string path);

    [LoggerMessage(41, LogLevel.Warning, "API key {Lookup} refused: {Reason}")]
    public static partial void ApiKeyRefused(ILogger logger, string lookup, string reason);
}
