using System.Text.Json;
using System.Text.Json.Serialization;

namespace OppBot.Adapters.Teams.Protocol;

/// <summary>
/// A Bot Framework activity with only the fields OppBot reads or writes (shared/reference §1.3).
/// Unknown fields are kept in <see cref="Extra"/> so nothing is lost when an activity is echoed (§1.1, spec A2005).
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }

    public string? Id { get; init; }

    public string? ServiceUrl { get; init; }

    public string? ChannelId { get; init; }

    public ChannelAccount? From { get; init; }

    public ChannelAccount? Recipient { get; init; }

    public ConversationAccount? Conversation { get; init; }

    public string? ReplyToId { get; init; }

    public string? Text { get; init; }

    public string? TextFormat { get; init; }

    public string? Locale { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }

    public IReadOnlyList<Entity>? Entities { get; init; }

    public TeamsChannelData? ChannelData { get; init; }

    /// <summary>Card data (Action.Submit) or the invoke payload; any JSON (§1.1).</summary>
    public JsonElement? Value { get; init; }

    /// <summary>The invoke or event name.</summary>
    public string? Name { get; init; }

    /// <summary>The installationUpdate action: <c>add</c>, <c>remove</c>, <c>add-upgrade</c>, <c>remove-upgrade</c>.</summary>
    public string? Action { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
