using System.Text.Json.Nodes;

namespace OppBot.Adapters.Teams.Protocol;

/// <summary>
/// The body of the HTTP 200 answering an <c>adaptiveCard/action</c> invoke (shared/reference §4.6, §4.7):
/// <c>{statusCode, type, value}</c>, where the real outcome is <see cref="StatusCode"/>.
/// </summary>
public sealed record InvokeResponse(int StatusCode, string Type, JsonNode? Value)
{
    public const string MessageType = "application/vnd.microsoft.activity.message";

    public const string ErrorType = "application/vnd.microsoft.error";
}
