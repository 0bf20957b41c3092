using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OppBot.Adapters.Teams.Protocol;
using OppBot.Domain.Conversations;

namespace OppBot.Adapters.Teams;

/// <summary>
/// Translates a Teams activity into the channel-neutral <see cref="IncomingMessage"/>: the bot's mention stripped,
/// card submissions mapped to <see cref="IncomingMessage.Submit"/>. Translation only; no business decisions.
/// </summary>
public sealed partial class ActivityReader
{
    /// <summary>
    /// The message for the conversation core, or null for activities that carry nothing for it
    /// (reactions, typing, member changes other than the bot's own install, uninstalls, unknown types).
    /// </summary>
    public IncomingMessage? Read(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.From?.Id is not { Length: > 0 } || activity.ServiceUrl is null || activity.Conversation?.Id is null)
        {
            return null;
        }

        return activity.Type switch
        {
            ActivityTypes.Message => ReadMessage(activity),
            ActivityTypes.Invoke when activity.Name == ActivityTypes.AdaptiveCardActionInvoke => ReadCardAction(activity),
            ActivityTypes.ConversationUpdate when AddsBot(activity) => Install(activity),
            ActivityTypes.InstallationUpdate when activity.Action == "add" => Install(activity),
            _ => null,
        };
    }

    private static IncomingMessage? ReadMessage(Activity activity)
    {
        var text = StripBotMentions(activity);
        // Action.Submit (and messageBack) put the card's data merged with its inputs in value (shared/reference §4.5).
        var submit = activity.Value is { ValueKind: JsonValueKind.Object } value ? Flatten(value, verb: null) : null;
        if (string.IsNullOrEmpty(text) && submit is null)
        {
            return null;
        }

        return Create(activity, string.IsNullOrEmpty(text) ? null : text, submit);
    }

    private static IncomingMessage? ReadCardAction(Activity activity)
    {
        // Action.Execute: verb and data (merged with the inputs) under value.action (shared/reference §4.6, §5.5).
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        var submit = Flatten(data, verb);
        return Create(activity, null, submit) with { ExpectsCardUpdate = true };
    }

    private static IncomingMessage Install(Activity activity) => Create(activity, null, null) with { IsInstall = true };

    private static IncomingMessage Create(Activity activity, string? text, IReadOnlyDictionary<string, string>? submit)
    {
        var from = activity.From!;
        var kind = KindOf(activity.Conversation!);
        return new IncomingMessage(
            TeamsAddress.Of(activity).ToAddress(),
            kind,
            new ChannelIdentity(TeamsAddress.Channel, from.AadObjectId ?? from.Id!),
            from.Name ?? "",
            activity.Locale ?? activity.Entities?.FirstOrDefault(e => e.Type == Entity.ClientInfoType)?.Locale,
            text,
            submit,
            "teams:" + activity.Id)
        {
            ChannelTeamId = activity.ChannelData?.Team?.Id,
            PersonalAddress = TeamsAddress.PersonalOf(activity).ToAddress(),
            SupportsForms = true,
        };
    }

    private static ConversationKind KindOf(ConversationAccount conversation) => conversation.ConversationType switch
    {
        "channel" => ConversationKind.Channel,
        "groupChat" => ConversationKind.Group,
        "personal" => ConversationKind.Personal,
        _ => conversation.IsGroup == true ? ConversationKind.Group : ConversationKind.Personal,
    };

    /// <summary>The bot itself is among the members added: it was installed in this conversation (shared/reference §4.3).</summary>
    private static bool AddsBot(Activity activity) =>
        activity.Recipient?.Id is { } botId
        && activity.MembersAdded?.Any(m => string.Equals(m.Id, botId, StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>
    /// Teams puts <c>&lt;at&gt;Name&lt;/at&gt;</c> in the text and the bot's id in a mention entity; remove every
    /// mention of the recipient (matched by entity, not by name), then decode entities and normalise whitespace
    /// (shared/reference §4.4).
    /// </summary>
    internal static string StripBotMentions(Activity activity)
    {
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        foreach (var mention in activity.Entities ?? [])
        {
            if (mention.Type == Entity.MentionType && mention.Text is { Length: > 0 } mentionText
                && botId is not null && string.Equals(mention.Mentioned?.Id, botId, StringComparison.OrdinalIgnoreCase))
            {
                text = text.Replace(mentionText, " ", StringComparison.Ordinal);
            }
        }

        // A mention entity can be missing (forwarded text); a leading <at> with the bot's own name is still the bot.
        if (activity.Recipient?.Name is { Length: > 0 } botName)
        {
            text = text.Replace($"<at>{botName}</at>", " ", StringComparison.OrdinalIgnoreCase);
        }

        return NormalizeWhitespace(WebUtility.HtmlDecode(text));
    }

    /// <summary>Collapses runs of spaces and tabs (incl. non-breaking), trims each line, drops blank lines at both ends.</summary>
    internal static string NormalizeWhitespace(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(line => HorizontalSpace().Replace(line, " ").Trim());
        return string.Join('\n', lines).Trim('\n', ' ');
    }

    /// <summary>
    /// Card data to string pairs: strings as they are, numbers and booleans as their JSON text, objects and arrays
    /// as their JSON text; <c>msteams</c> (Teams' own routing data, §4.5) and nulls are dropped. An Action.Execute
    /// verb wins over a <c>verb</c> key in the data.
    /// </summary>
    private static Dictionary<string, string> Flatten(JsonElement data, string? verb)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in data.EnumerateObject())
            {
                if (property.Name == "msteams")
                {
                    continue;
                }

                var value = property.Value;
                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        values[property.Name] = value.GetString()!;
                        break;
                    case JsonValueKind.Null or JsonValueKind.Undefined:
                        break;
                    default:
                        values[property.Name] = value.GetRawText();
                        break;
                }
            }
        }

        if (!string.IsNullOrEmpty(verb))
        {
            values[CardAction.VerbKey] = verb;
        }

        return values;
    }

    [GeneratedRegex(@"[ \t\u00A0\u2000-\u200B\u202F\u205F\u3000]+")]
    private static partial Regex HorizontalSpace();
}
