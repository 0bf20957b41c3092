using System.Text.Json;
using OppBot.Domain.Conversations;

namespace OppBot.Bot.Playground;

/// <summary>
/// Translates an activity a Direct Line client posted (Web Chat) into the channel-neutral <see cref="IncomingMessage"/>.
/// The sender is the token's user (id and name), not the activity's <c>from</c>; the address is the conversation. Web Chat sends a
/// card button (<c>Action.Submit</c>) as a message whose <c>value</c> holds the button's data merged with the card's
/// inputs, which becomes <see cref="IncomingMessage.Submit"/>. Translation only; no business decisions.
/// </summary>
public static class DirectLineReader
{
    /// <summary>The message for the conversation core, or null for activities that carry nothing for it (typing, events, empty messages).</summary>
    /// <param name="activity">The posted activity.</param>
    /// <param name="grant">Who posted it, where (from the token).</param>
    /// <param name="activityId">The id the endpoint gave the activity; the dedupe key when the client sent no <c>clientActivityID</c>.</param>
    public static IncomingMessage? Read(JsonElement activity, DirectLineGrant grant, string activityId)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (activity.ValueKind != JsonValueKind.Object || String(activity, "type") != "message")
        {
            return null;
        }

        var text = String(activity, "text")?.Trim();
        var submit = activity.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object ? Flatten(value) : null;
        if (string.IsNullOrEmpty(text) && submit is null)
        {
            return null;
        }

        // The token fixes who is speaking, name included; a client without a named token may name itself.
        var name = grant.UserName ?? (activity.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.Object ? String(from, "name") : null);
        return new IncomingMessage(
            new ConversationAddress(DirectLineSender.ChannelName, grant.ConversationId),
            grant.Kind,
            new ChannelIdentity(DirectLineSender.ChannelName, grant.UserId),
            name ?? grant.UserId,
            String(activity, "locale"),
            string.IsNullOrEmpty(text) ? null : text,
            submit,
            DedupeKey(grant, ClientActivityId(activity) ?? activityId))
        {
            SupportsForms = true,
        };
    }

    /// <summary>The turn that greets someone opening a conversation for the first time (Direct Line's conversationUpdate).</summary>
    public static IncomingMessage Start(DirectLineGrant grant, string? locale)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return new IncomingMessage(
            new ConversationAddress(DirectLineSender.ChannelName, grant.ConversationId),
            grant.Kind,
            new ChannelIdentity(DirectLineSender.ChannelName, grant.UserId),
            grant.UserName ?? grant.UserId,
            locale,
            null,
            null,
            DedupeKey(grant, "start"))
        {
            IsInstall = true,
        };
    }

    /// <summary>
    /// The turn that shows what OppBot can do when <see cref="Start"/> got no answer (OppBot greets people once, and
    /// the demo people already exist): <c>help</c>, asked on the person's behalf and not shown as their message.
    /// </summary>
    public static IncomingMessage Help(DirectLineGrant grant, string? locale) =>
        Start(grant, locale) with { IsInstall = false, Text = "help", DedupeKey = DedupeKey(grant, "start-help") };

    /// <summary>The id Web Chat gives each activity it sends, to recognise its echo (<c>channelData.clientActivityID</c>).</summary>
    public static string? ClientActivityId(JsonElement activity) =>
        activity.ValueKind == JsonValueKind.Object && activity.TryGetProperty("channelData", out var data) && data.ValueKind == JsonValueKind.Object
            ? String(data, "clientActivityID")
            : null;

    // The same message posted twice (a client retry) carries the same client id and is handled once.
    private static string DedupeKey(DirectLineGrant grant, string id) => $"{DirectLineSender.ChannelName}:{grant.ConversationId}:{grant.UserId}:{id}";

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// Card data to string pairs, as the Teams reader does: strings as they are, numbers, booleans, objects and arrays
    /// as their JSON text, nulls dropped.
    /// </summary>
    private static Dictionary<string, string> Flatten(JsonElement data)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in data.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    values[property.Name] = property.Value.GetString()!;
                    break;
                case JsonValueKind.Null or JsonValueKind.Undefined:
                    break;
                default:
                    values[property.Name] = property.Value.GetRawText();
                    break;
            }
        }

        return values;
    }
}
