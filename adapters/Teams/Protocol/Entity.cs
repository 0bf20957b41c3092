using System.Text.Json;
using System.Text.Json.Serialization;

namespace OppBot.Adapters.Teams.Protocol;

/// <summary>
/// An activity entity. OppBot reads <c>mention</c> (<c>mentioned</c> + the exact <c>&lt;at&gt;…&lt;/at&gt;</c> text)
/// and <c>clientInfo</c> (<c>locale</c>); other entity types are ignored (shared/reference §1.3, §4.4).
/// </summary>
public sealed record Entity
{
    public const string MentionType = "mention";

    public const string ClientInfoType = "clientInfo";

    public string? Type { get; init; }

    public ChannelAccount? Mentioned { get; init; }

    public string? Text { get; init; }

    public string? Locale { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
