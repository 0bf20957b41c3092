using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OppBot.Adapters.Teams.Cards;

/// <summary>
/// The root of an Adaptive Card 1.5: only the properties OppBot uses. Serialise with <see cref="ToJsonObject"/>,
/// which writes the schema's own spelling (camelCase, type discriminators, nulls omitted).
/// See shared/reference/botframework-teams.md §5.
/// </summary>
public sealed record AdaptiveCard
{
    /// <summary>Teams documents bot cards up to 1.5; Universal Actions need at least 1.4 (reference §5.1).</summary>
    public const string CurrentVersion = "1.5";

    /// <summary>The schema URL every card carries.</summary>
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyOrder(-3)]
    public string Type => "AdaptiveCard";

    [JsonPropertyOrder(-2)]
    [JsonPropertyName("$schema")]
    public string Schema => SchemaUrl;

    [JsonPropertyOrder(-1)]
    public string Version { get; init; } = CurrentVersion;

    /// <summary>The card's language as a two- or three-letter ISO 639 code (<c>zh</c>, <c>en</c>); no region.</summary>
    public string? Lang { get; init; }

    public IReadOnlyList<AdaptiveElement> Body { get; init; } = [];

    /// <summary>Null when the card has no actions (an empty array is omitted rather than written).</summary>
    public IReadOnlyList<AdaptiveAction>? Actions { get; init; }

    /// <summary>Universal Actions refresh: Teams asks the bot for a user-specific view (reference §4.6).</summary>
    public AdaptiveRefresh? Refresh { get; init; }

    /// <summary>Teams host extensions.</summary>
    [JsonPropertyName("msteams")]
    public TeamsCardProperties? MsTeams { get; init; }

    /// <summary>The card as a JSON object, ready to be an attachment's <c>content</c>.</summary>
    public JsonObject ToJsonObject() => JsonSerializer.SerializeToNode(this, JsonOptions)!.AsObject();

    /// <summary>
    /// The options the model is written with. Non-ASCII text is not escaped: the JSON goes into an HTTP body,
    /// never into HTML, and escaping would triple the size of Chinese text.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>
/// <c>refresh</c>: the action (an <see cref="ExecuteAction"/>) Teams invokes when one of <see cref="UserIds"/>
/// displays the card (at most 60 ids; an empty list means nobody is refreshed automatically). The action is
/// declared as the base type so that its <c>type</c> is written.
/// </summary>
public sealed record AdaptiveRefresh(AdaptiveAction Action, IReadOnlyList<string>? UserIds);

/// <summary>The <c>msteams</c> property: <c>width: "Full"</c> lets forms and bars use the whole chat width.</summary>
public sealed record TeamsCardProperties
{
    public const string FullWidth = "Full";

    public string? Width { get; init; }
}
