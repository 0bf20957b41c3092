using System.Text.Json;
using System.Text.Json.Serialization;

namespace OppBot.Adapters.Teams.Protocol;

/// <summary>A conversation: <c>personal</c>, <c>groupChat</c> or <c>channel</c> (shared/reference §4.1).</summary>
public sealed record ConversationAccount
{
    public string? Id { get; init; }

    public bool? IsGroup { get; init; }

    public string? ConversationType { get; init; }

    public string? TenantId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
