using System.Text.Json;
using System.Text.Json.Serialization;

namespace OppBot.Adapters.Teams.Protocol;

/// <summary>A user or bot: Teams user ids look like <c>29:…</c>, the bot is <c>28:&lt;appId&gt;</c> (shared/reference §4.1).</summary>
public sealed record ChannelAccount
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? AadObjectId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
