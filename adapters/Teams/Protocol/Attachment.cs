using System.Text.Json.Nodes;

namespace OppBot.Adapters.Teams.Protocol;

/// <summary>An attachment; OppBot sends Adaptive Cards as <c>{contentType, content}</c> (shared/reference §5.2).</summary>
public sealed record Attachment
{
    public string? ContentType { get; init; }

    public JsonNode? Content { get; init; }
}
