using System.Text.Json;
using System.Text.Json.Serialization;

namespace OppBot.Adapters.Teams.Protocol;

/// <summary>Teams' <c>channelData</c> (shared/reference §4.2): tenant, team, channel and the event type.</summary>
public sealed record TeamsChannelData
{
    public TenantInfo? Tenant { get; init; }

    public TeamInfo? Team { get; init; }

    public TeamsChannelInfo? Channel { get; init; }

    public string? EventType { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The Entra tenant of a Teams conversation.</summary>
public sealed record TenantInfo(string? Id);

/// <summary>The team a channel belongs to.</summary>
public sealed record TeamInfo(string? Id);

/// <summary>A team channel.</summary>
public sealed record TeamsChannelInfo(string? Id);
