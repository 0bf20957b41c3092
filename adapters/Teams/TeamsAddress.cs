using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using OppBot.Adapters.Teams.Protocol;
using OppBot.Domain.Conversations;

namespace OppBot.Adapters.Teams;

/// <summary>
/// What the Teams adapter puts in <see cref="ConversationAddress.Key"/>: a compact conversation reference
/// (shared/reference §1.3 "ConversationReference", §4.10), e.g.
/// <c>{"url":"https://smba.trafficmanager.net/emea/","conv":"a:1xYz","tenant":"72f9…","type":"personal","user":"29:1AbC","aad":"0b1c…","bot":"28:1111…"}</c>.
/// A personal address without <c>conv</c> means "the 1:1 chat with <c>user</c>", created on first send (§2.3).
/// </summary>
/// <param name="ServiceUrl">The connector base URL the conversation lives at (with its region path).</param>
/// <param name="ConversationId">The conversation (or channel thread) id; null when the 1:1 chat must be created first.</param>
/// <param name="TenantId">The Entra tenant; Teams requires it to create a conversation.</param>
/// <param name="ConversationType"><c>personal</c>, <c>groupChat</c> or <c>channel</c>.</param>
/// <param name="UserId">The user's Teams id (<c>29:…</c>), for personal chats.</param>
/// <param name="UserAadObjectId">The user's AAD object id, for personal chats.</param>
/// <param name="BotId">The bot's id in this conversation (<c>28:&lt;appId&gt;</c>).</param>
internal sealed record TeamsAddress(
    [property: JsonPropertyName("url")] string ServiceUrl,
    [property: JsonPropertyName("conv")] string? ConversationId,
    [property: JsonPropertyName("tenant")] string? TenantId,
    [property: JsonPropertyName("type")] string? ConversationType,
    [property: JsonPropertyName("user")] string? UserId = null,
    [property: JsonPropertyName("aad")] string? UserAadObjectId = null,
    [property: JsonPropertyName("bot")] string? BotId = null)
{
    public const string Channel = "teams";

    public const string PersonalType = "personal";

    public ConversationAddress ToAddress() => new(Channel, JsonSerializer.Serialize(this, ProtocolJson.Default.TeamsAddress));

    /// <summary>Reads an address this adapter wrote; false for anything else (another channel, a damaged key).</summary>
    public static bool TryParse(ConversationAddress address, [NotNullWhen(true)] out TeamsAddress? teamsAddress)
    {
        ArgumentNullException.ThrowIfNull(address);
        teamsAddress = null;
        if (address.Channel != Channel)
        {
            return false;
        }

        try
        {
            teamsAddress = JsonSerializer.Deserialize(address.Key, ProtocolJson.Default.TeamsAddress);
        }
        catch (JsonException)
        {
            return false;
        }

        var valid = teamsAddress is not null
            && Uri.TryCreate(teamsAddress.ServiceUrl, UriKind.Absolute, out _)
            && (!string.IsNullOrEmpty(teamsAddress.ConversationId) || !string.IsNullOrEmpty(teamsAddress.UserId ?? teamsAddress.UserAadObjectId));
        if (!valid)
        {
            teamsAddress = null;
        }

        return valid;
    }

    /// <summary>The address of the conversation an activity came from.</summary>
    public static TeamsAddress Of(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var type = activity.Conversation?.ConversationType ?? PersonalType;
        var personal = type == PersonalType;
        return new TeamsAddress(
            activity.ServiceUrl!,
            activity.Conversation?.Id,
            TenantOf(activity),
            type,
            personal ? activity.From?.Id : null,
            personal ? activity.From?.AadObjectId : null,
            activity.Recipient?.Id);
    }

    /// <summary>The sender's personal chat with the bot; without a conversation id unless the activity came from it.</summary>
    public static TeamsAddress PersonalOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var fromPersonal = (activity.Conversation?.ConversationType ?? PersonalType) == PersonalType;
        return new TeamsAddress(
            activity.ServiceUrl!,
            fromPersonal ? activity.Conversation?.Id : null,
            TenantOf(activity),
            PersonalType,
            activity.From?.Id,
            activity.From?.AadObjectId,
            activity.Recipient?.Id);
    }

    private static string? TenantOf(Activity activity) => activity.Conversation?.TenantId ?? activity.ChannelData?.Tenant?.Id;
}
