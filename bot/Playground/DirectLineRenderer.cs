using System.Globalization;
using System.Text.Json.Nodes;
using OppBot.Adapters.Teams.Cards;
using OppBot.Domain.Conversations;

namespace OppBot.Bot.Playground;

/// <summary>
/// Turns a <see cref="Reply"/> into the Bot Framework activities a Direct Line client receives, shaped as the Teams sender
/// shapes them: the text as one message, then each card as its own message holding the Adaptive Card from
/// <see cref="AdaptiveCardRenderer"/> (an update: one message with every card). So the playground shows what a Teams user
/// sees, with one difference forced by Web Chat (below).
/// </summary>
/// <remarks>
/// Web Chat 4.18 acts on <c>Action.Submit</c> and <c>Action.OpenUrl</c> only: its Adaptive Cards package knows
/// <c>Action.Execute</c>, so it draws the button, but a click only logs "received unknown action" (botframework-webchat
/// src/adaptiveCards/Attachment/AdaptiveCardRenderer.tsx). Every OppBot button carries an <c>Action.Submit</c> fallback
/// with the same title, data and inputs, the one older Teams clients use; here each <c>Action.Execute</c> is replaced by
/// that fallback, and Web Chat posts it as a message with <c>value</c>.
/// </remarks>
public sealed class DirectLineRenderer(AdaptiveCardRenderer cards)
{
    /// <summary>The bot's account in every activity it sends.</summary>
    public static JsonObject Bot => new() { ["id"] = "oppbot", ["name"] = "OppBot", ["role"] = "bot" };

    /// <summary>
    /// The messages of <paramref name="reply"/>, without ids and timestamps (the transcript sets those). New posts: the
    /// text, then one message per card. Updates: one message holding every card, or the text when there is none.
    /// </summary>
    /// <exception cref="ArgumentException">A card the Adaptive Card renderer refuses.</exception>
    public IReadOnlyList<JsonObject> Render(Reply reply, string conversationId, bool isUpdate)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var attachments = reply.Cards.Select(card => Attachment(cards.Render(card, reply.Locale))).ToList();
        var text = string.IsNullOrWhiteSpace(reply.Text) ? null : reply.Text;
        if (isUpdate)
        {
            if (attachments.Count > 0)
            {
                var update = Message(reply, conversationId);
                update["attachments"] = new JsonArray([.. attachments]);
                return [update];
            }

            return text is null ? [] : [WithText(Message(reply, conversationId), text)];
        }

        var parts = new List<JsonObject>();
        if (text is not null)
        {
            parts.Add(WithText(Message(reply, conversationId), text));
        }

        foreach (var attachment in attachments)
        {
            var part = Message(reply, conversationId);
            part["attachments"] = new JsonArray(attachment);
            parts.Add(part);
        }

        return parts;
    }

    /// <summary>The short text the bot answers with when a turn failed.</summary>
    public static JsonObject Apology(string conversationId, string? locale)
    {
        var chinese = locale is null || locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var reply = new Reply { Locale = chinese ? "zh-CN" : "en" };
        return WithText(Message(reply, conversationId), chinese ? "抱歉，处理时出错了，请稍后再试。" : "Sorry, something went wrong. Please try again.");
    }

    /// <summary>Replaces every <c>Action.Execute</c> that has an <c>Action.Submit</c> fallback with that fallback, in place.</summary>
    public static JsonNode? UseSubmitFallbacks(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o when (string?)o["type"] == "Action.Execute" && o["fallback"] is JsonObject { } fallback
                && (string?)fallback["type"] == "Action.Submit":
                return UseSubmitFallbacks(fallback.DeepClone());
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                {
                    var child = o[name];
                    var replaced = UseSubmitFallbacks(child);
                    if (!ReferenceEquals(replaced, child))
                    {
                        o[name] = replaced;
                    }
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var child = a[i];
                    var replaced = UseSubmitFallbacks(child);
                    if (!ReferenceEquals(replaced, child))
                    {
                        a[i] = replaced;
                    }
                }

                return a;
            default:
                return node;
        }
    }

    private static JsonObject Attachment(JsonObject card) => new()
    {
        ["contentType"] = AdaptiveCardRenderer.ContentType,
        ["content"] = UseSubmitFallbacks(card),
    };

    private static JsonObject Message(Reply reply, string conversationId) => new()
    {
        ["type"] = "message",
        ["channelId"] = DirectLineSender.ChannelName,
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["from"] = Bot,
        ["locale"] = reply.Locale,
    };

    private static JsonObject WithText(JsonObject message, string text)
    {
        message["text"] = text;
        message["textFormat"] = "markdown";
        return message;
    }

    /// <summary>An ISO 8601 UTC timestamp with milliseconds, as Direct Line writes them.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
