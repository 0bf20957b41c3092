namespace OppBot.Adapters.Teams.Auth;

/// <summary>What the inbound token check decided.</summary>
public enum InboundAuthStatus
{
    /// <summary>The token is valid for this activity, or authentication is off (local mode).</summary>
    Accepted,

    /// <summary>Missing, malformed, expired, forged or not meant for this bot: answer 401.</summary>
    Refused,

    /// <summary>The signing keys could not be fetched: our problem, answer 503 so the channel retries.</summary>
    Unavailable,
}

/// <summary>The outcome of <see cref="InboundTokenValidator.ValidateAsync"/>, with a reason safe to log.</summary>
/// <param name="ServiceUrlVerified">
/// True when the token's <c>serviceurl</c> claim vouched for the activity's serviceUrl (channel tokens only), so the
/// bot's own token may be sent there (shared/reference §3.1 step 7). Emulator tokens and local mode do not vouch.
/// </param>
public sealed record InboundAuthResult(InboundAuthStatus Status, string? Reason = null, bool ServiceUrlVerified = false)
{
    public static InboundAuthResult Accepted { get; } = new(InboundAuthStatus.Accepted);

    public static InboundAuthResult AcceptedForServiceUrl { get; } = new(InboundAuthStatus.Accepted, ServiceUrlVerified: true);

    public static InboundAuthResult Refused(string reason) => new(InboundAuthStatus.Refused, reason);

    public static InboundAuthResult Unavailable(string reason) => new(InboundAuthStatus.Unavailable, reason);
}
