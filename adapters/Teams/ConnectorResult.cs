using System.Net;

namespace OppBot.Adapters.Teams;

/// <summary>
/// What one connector call did, as a value (no exceptions for channel failures). <see cref="StatusCode"/> is null
/// when no HTTP answer arrived (network, timeout) or the call was stopped locally (untrusted host, pacing, token).
/// </summary>
/// <param name="Value">The parsed body of a successful call.</param>
/// <param name="StatusCode">The connector's HTTP status.</param>
/// <param name="ErrorCode">The connector's <c>error.code</c> (shared/reference §2.4) or a local code (<see cref="LocalErrors"/>).</param>
/// <param name="ErrorMessage">The connector's message, for logs.</param>
/// <param name="RetryAfter">How long the connector (or the local pacing) asked to wait.</param>
/// <param name="IsTransient">True when the same call may succeed later (429, 412, 5xx, network).</param>
public sealed record ConnectorResult<T>(
    T? Value,
    HttpStatusCode? StatusCode,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    TimeSpan? RetryAfter = null,
    bool IsTransient = false)
{
    public bool IsSuccess => StatusCode is { } status && (int)status is >= 200 and < 300;

    /// <summary>A short description safe to log and to store as a delivery failure reason.</summary>
    public string Describe() => StatusCode is { } status
        ? $"{(int)status} {ErrorCode ?? status.ToString()}{(ErrorMessage is null ? "" : ": " + ErrorMessage)}"
        : $"{ErrorCode}{(ErrorMessage is null ? "" : ": " + ErrorMessage)}";
}

/// <summary>Error codes for calls that got no answer from the connector.</summary>
public static class LocalErrors
{
    public const string Network = "Network";
    public const string Timeout = "Timeout";
    public const string UntrustedServiceUrl = "UntrustedServiceUrl";
    public const string Paced = "Paced";
    public const string TokenUnavailable = "TokenUnavailable";
}
