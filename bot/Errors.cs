using System.Text.Json;

namespace OppBot.Bot;

/// <summary>How an exception that reached the host becomes an HTTP status (the body is RFC 7807 problem details).</summary>
internal static class Errors
{
    /// <summary>
    /// A request the server could not read is the client's fault: 400 (or the status Kestrel chose, e.g. 413), never 500.
    /// Everything else is a 500 whose details stay in the log.
    /// </summary>
    public static int StatusCode(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        JsonException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };
}
