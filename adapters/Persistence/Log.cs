using Microsoft.Extensions.Logging;

namespace OppBot.Adapters.Persistence;

internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Database schema version {Version} ({Name}) applied")]
    public static partial void SchemaVersionApplied(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Database schema is up to date at version {Version}")]
    public static partial void SchemaUpToDate(ILogger logger, int version);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Database: {Provider}")]
    public static partial void UsingDatabase(ILogger logger, string provider);
}
