using System.Globalization;
using OppBot.Domain.Conversations;

namespace OppBot.Adapters.WeCom;

/// <summary>
/// Translates a decrypted WeCom message or event into an <see cref="IncomingMessage"/> (shared/reference/wecom.md §4).
/// Translation only: what a verb means is the conversation's business.
/// </summary>
internal static class MessageReader
{
    public const string Channel = "wecom";

    /// <summary>
    /// Text messages, <c>subscribe</c>/<c>enter_agent</c> (a greeting), menu <c>click</c>s and
    /// <c>template_card_event</c>s; null for everything else (images, voice, location, contact changes,
    /// <c>unsubscribe</c> …), which the endpoint acknowledges and drops.
    /// </summary>
    public static IncomingMessage? Read(WeComMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var user = WeComAddress.User(message.FromUserName);

        switch (message.MsgType)
        {
            case "text" when !string.IsNullOrWhiteSpace(message.Content):
                return Create(message, user, text: message.Content, submit: null, MessageDedupeKey(message));

            case "event":
                return ReadEvent(message, user);

            default:
                return null;
        }
    }

    /// <summary>
    /// Messages dedupe by MsgId; events by sender, time and what they are about, because WeCom's own rule
    /// (FromUserName + CreateTime) merges two different clicks in the same second (reference §1.5).
    /// </summary>
    public static string EventDedupeKey(WeComMessage message) => string.Join(
        ':',
        "wecom:e",
        message.FromUserName,
        message.CreateTime.ToString(CultureInfo.InvariantCulture),
        message.Event,
        message.EventKey,
        message.TaskId,
        message.ChangeType);

    private static string MessageDedupeKey(WeComMessage message) =>
        string.IsNullOrEmpty(message.MsgId) ? EventDedupeKey(message) : "wecom:" + message.MsgId;

    private static IncomingMessage? ReadEvent(WeComMessage message, WeComAddress user)
    {
        switch (message.Event)
        {
            // subscribe: added to the app's visible range; enter_agent: opened the app's chat.
            case "subscribe" or "enter_agent":
                return Create(message, user, text: null, submit: null, EventDedupeKey(message)) with { IsInstall = true };

            // An app menu button: its key is configured in the admin console, as "verb" or "verb|k=v".
            case "click" when ButtonKey.TryDecode(message.EventKey, out var menu):
                return Create(message, user, text: null, submit: menu, EventDedupeKey(message));

            case "template_card_event" when ButtonKey.TryDecode(message.EventKey, out var submit):
                foreach (var item in message.SelectedItems)
                {
                    // A question answered on the card (button_selection): its key is the input id.
                    submit[item.QuestionKey] = string.Join(',', item.OptionIds);
                }

                // The click's ResponseCode is not carried: the address must stay the same for every message of the
                // conversation (the core keys dialogs on it). Cards are replaced with the code WeCom returned when
                // the card was sent, kept in its external id (WeComMessageRef) and handed back as ReplacesExternalId.
                return Create(message, user, text: null, submit, EventDedupeKey(message));

            default:
                return null;
        }
    }

    private static IncomingMessage Create(
        WeComMessage message,
        WeComAddress address,
        string? text,
        IReadOnlyDictionary<string, string>? submit,
        string dedupeKey) =>
        new(
            new ConversationAddress(Channel, address.Format()),
            ConversationKind.Personal, // apps only ever receive 1:1 messages (reference §4.1)
            new ChannelIdentity(Channel, message.FromUserName),
            DisplayName: message.FromUserName, // WeCom sends the userid only
            Locale: null, // WeCom sends none: the user's stored locale or zh-CN applies
            text,
            submit,
            dedupeKey)
        {
            PersonalAddress = new ConversationAddress(Channel, WeComAddress.User(message.FromUserName).Format()),
            SupportsForms = false, // template cards have no text inputs: forms run one field at a time
            ExpectsCardUpdate = false, // card updates go out through the outbox (message/update_template_card)
        };
}

/// <summary>What a WeCom <see cref="ConversationAddress.Key"/> names.</summary>
internal enum WeComAddressKind
{
    User,
    Chat,
    Robot,
}

/// <summary>
/// The <see cref="ConversationAddress.Key"/> of channel <c>wecom</c>, one per conversation and never varying per message
/// (the conversation core keys dialogs on it). The id has '%' and '|' percent-encoded.
/// <list type="bullet">
/// <item><c>user:{userid}</c> — the member's 1:1 chat with the app (message/send); every callback arrives here.</item>
/// <item><c>chat:{chatid}</c> — a group chat created by the app (appchat/send; markdown only, no template cards).</item>
/// <item><c>robot:{teamId}</c> — a team's group robot; the webhook key is a credential and stays in
/// <c>WeCom:RobotWebhooks:{teamId}</c>, never in stored addresses.</item>
/// </list>
/// </summary>
internal sealed record WeComAddress(WeComAddressKind Kind, string Id)
{
    public static WeComAddress User(string userId) => new(WeComAddressKind.User, userId);

    public string Format() => Kind switch
    {
        WeComAddressKind.User => "user:",
        WeComAddressKind.Chat => "chat:",
        _ => "robot:",
    } + Escape(Id);

    public static bool TryParse(string? key, out WeComAddress address)
    {
        address = null!;
        var colon = key?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (key is null || colon <= 0 || colon == key.Length - 1 || key.Contains('|', StringComparison.Ordinal))
        {
            return false;
        }

        WeComAddressKind kind;
        switch (key[..colon])
        {
            case "user": kind = WeComAddressKind.User; break;
            case "chat": kind = WeComAddressKind.Chat; break;
            case "robot": kind = WeComAddressKind.Robot; break;
            default: return false;
        }

        address = new WeComAddress(kind, Unescape(key[(colon + 1)..]));
        return true;
    }

    internal static string Escape(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("|", "%7C", StringComparison.Ordinal);

    internal static string Unescape(string value) =>
        value.Replace("%7C", "|", StringComparison.OrdinalIgnoreCase).Replace("%25", "%", StringComparison.Ordinal);
}
