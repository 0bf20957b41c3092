namespace OppBot.Adapters.Teams.Protocol;

/// <summary>
/// A connector error body. Two shapes exist (shared/reference §2.4): <c>{"error":{"code","message"}}</c>
/// and Teams' <c>{"errorCode":209,"message":"…"}</c> for blocked proactive messages.
/// </summary>
public sealed record ErrorResponse
{
    public ErrorBody? Error { get; init; }

    public int? ErrorCode { get; init; }

    public string? Message { get; init; }
}

/// <summary>The inner error of <see cref="ErrorResponse"/>.</summary>
public sealed record ErrorBody(string? Code, string? Message);
