using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OppBot.Domain.Conversations;

namespace OppBot.Adapters.WeCom;

/// <summary>
/// Renders a <see cref="Reply"/> as WeCom messages (shared/reference/wecom.md §5.2, §6):
/// <list type="bullet">
/// <item>text, and cards without buttons, as markdown in WeCom's subset, split at lines so that no message
/// passes the byte limit (2048 for app messages, 4096 for robots), never inside a character;</item>
/// <item>a card with buttons as a <c>button_interaction</c> template card when its content fits the card's
/// fields; otherwise as markdown followed by a small card that carries only the title and the buttons;</item>
/// <item>more than 6 buttons as further cards of at most 6; one optional choice input as the card's
/// <c>button_selection</c> dropdown.</item>
/// </list>
/// Adjacent markdown is merged into one message while it fits: members get at most 30 app messages a minute.
/// </summary>
internal static class TemplateCardRenderer
{
    /// <summary>App <c>markdown.content</c> limit in UTF-8 bytes (also app chats).</summary>
    public const int AppMarkdownMaxBytes = 2048;

    /// <summary>Group robot <c>markdown.content</c> limit in UTF-8 bytes.</summary>
    public const int RobotMarkdownMaxBytes = 4096;

    /// <summary><c>button_list</c> holds at most 6 buttons.</summary>
    public const int MaxButtons = 6;

    /// <summary><c>horizontal_content_list</c> holds at most 6 items.</summary>
    public const int MaxFacts = 6;

    // Text lengths WeCom recommends, in 字 (reference §5.2: title 36, desc 44, sub_title_text 160; the keyname 5
    // and value 30 come from doc 90236 and are *unverified* here). We count a CJK character as one 字 and any
    // other character as half of one, so "Close date" fits a 5-字 keyname as "成交日期" does.
    private const int TitleWidth = 36 * 2;
    private const int DescWidth = 44 * 2;
    private const int SubTitleWidth = 160 * 2;
    private const int KeyNameWidth = 5 * 2;
    private const int ValueWidth = 30 * 2;

    /// <summary>A button_selection dropdown has 1–10 options.</summary>
    private const int MaxSelectionOptions = 10;

    /// <summary>
    /// For one member (message/send): markdown and template cards. Task ids are derived from
    /// <paramref name="deliveryId"/>, so a retried send of the same outbox row reuses them and WeCom refuses the
    /// duplicate (42014) instead of showing the card twice.
    /// </summary>
    public static IReadOnlyList<WeComPart> RenderForMember(Reply reply, Guid deliveryId)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var parts = new List<WeComPart>();
        var markdown = new List<string>();
        var cardNumber = 0;

        if (!string.IsNullOrWhiteSpace(reply.Text))
        {
            markdown.Add(reply.Text.Trim());
        }

        foreach (var card in reply.Cards)
        {
            if (card.Actions.Count == 0)
            {
                markdown.Add(CardMarkdown(card, reply.Locale));
                continue;
            }

            var selection = Selection(card);
            var fits = FitsTemplateCard(card);
            if (!fits)
            {
                markdown.Add(CardMarkdown(card, reply.Locale));
            }

            FlushMarkdown(markdown, AppMarkdownMaxBytes, parts);

            var groups = card.Actions.Chunk(MaxButtons).ToArray();
            for (var g = 0; g < groups.Length; g++)
            {
                var taskId = TaskId(deliveryId, cardNumber++);
                var title = groups.Length == 1 ? card.Title : $"{card.Title} ({g + 1}/{groups.Length})";
                var json = fits && g == 0
                    ? FullCard(card, title, taskId)
                    : new JsonObject
                    {
                        ["card_type"] = "button_interaction",
                        ["main_title"] = new JsonObject { ["title"] = Truncate(title, TitleWidth) },
                        ["task_id"] = taskId,
                    };
                if (g == 0 && selection is not null)
                {
                    json["button_selection"] = selection;
                }

                json["button_list"] = Buttons(groups[g]);
                parts.Add(new TemplateCardPart(json, taskId));
            }
        }

        FlushMarkdown(markdown, AppMarkdownMaxBytes, parts);
        return parts;
    }

    /// <summary>
    /// Markdown only, for app chats (2048 bytes, no template cards) and robots (4096 bytes, no buttons).
    /// Buttons are left out: nothing can call back from there.
    /// </summary>
    public static IReadOnlyList<string> RenderMarkdown(Reply reply, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var blocks = new List<string>();
        if (!string.IsNullOrWhiteSpace(reply.Text))
        {
            blocks.Add(reply.Text.Trim());
        }

        blocks.AddRange(reply.Cards.Select(card => CardMarkdown(card, reply.Locale)));
        var parts = new List<WeComPart>();
        FlushMarkdown(blocks, maxBytes, parts);
        return parts.Cast<MarkdownPart>().Select(p => p.Content).ToArray();
    }

    /// <summary>
    /// Splits markdown into pieces of at most <paramref name="maxBytes"/> UTF-8 bytes: between lines where
    /// possible, otherwise between characters (never inside a UTF-8 sequence or a surrogate pair).
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 4);
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return [text];
        }

        var pieces = new List<string>();
        var current = new StringBuilder();
        var currentBytes = 0;

        foreach (var line in text.Split('\n'))
        {
            var lineBytes = Encoding.UTF8.GetByteCount(line);
            var separator = current.Length > 0 ? 1 : 0;
            if (currentBytes + separator + lineBytes <= maxBytes)
            {
                if (separator == 1)
                {
                    current.Append('\n');
                }

                current.Append(line);
                currentBytes += separator + lineBytes;
                continue;
            }

            Emit();
            if (lineBytes <= maxBytes)
            {
                current.Append(line);
                currentBytes = lineBytes;
                continue;
            }

            foreach (var rune in line.EnumerateRunes())
            {
                var runeBytes = rune.Utf8SequenceLength;
                if (currentBytes + runeBytes > maxBytes)
                {
                    Emit();
                }

                current.Append(rune.ToString());
                currentBytes += runeBytes;
            }
        }

        Emit();
        return pieces;

        void Emit()
        {
            var piece = current.ToString().Trim('\n');
            if (piece.Trim().Length > 0)
            {
                pieces.Add(piece);
            }

            current.Clear();
            currentBytes = 0;
        }
    }

    /// <summary>A card as markdown: title, subtitle, error, text, facts, sections and bars.</summary>
    public static string CardMarkdown(Card card, string locale)
    {
        ArgumentNullException.ThrowIfNull(card);
        var colon = locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "：" : ": ";
        var lines = new List<string> { $"**{card.Title}**" };
        if (!string.IsNullOrWhiteSpace(card.Subtitle))
        {
            lines.Add($"<font color=\"comment\">{card.Subtitle}</font>");
        }

        if (!string.IsNullOrWhiteSpace(card.Error))
        {
            lines.Add($"<font color=\"warning\">{card.Error}</font>");
        }

        if (!string.IsNullOrWhiteSpace(card.Text))
        {
            lines.Add(card.Text.Trim());
        }

        lines.AddRange(card.Facts.Select(f => $"{f.Label}{colon}{f.Value}"));

        foreach (var section in card.Sections)
        {
            lines.Add(string.Empty);
            if (!string.IsNullOrWhiteSpace(section.Title))
            {
                lines.Add($"**{section.Title}**");
            }

            lines.AddRange(section.Lines);
            lines.AddRange(section.Facts.Select(f => $"{f.Label}{colon}{f.Value}"));
        }

        if (card.Bars.Count > 0)
        {
            lines.Add(string.Empty);
            lines.AddRange(card.Bars.Select(Bar));
        }

        return string.Join('\n', lines);
    }

    /// <summary>A bar drawn with block characters, 10 for the longest: <c>华东 █████ 12 · ¥1.2M</c>.</summary>
    public static string Bar(CardBar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        var fraction = double.IsFinite(bar.Fraction) ? Math.Clamp(bar.Fraction, 0, 1) : 0;
        var blocks = (int)Math.Round(fraction * 10, MidpointRounding.AwayFromZero);
        if (blocks == 0 && fraction > 0)
        {
            blocks = 1; // a small value still shows
        }

        var drawn = blocks == 0 ? "▏" : new string('█', blocks);
        return $"{bar.Label} {drawn} {bar.ValueText}";
    }

    /// <summary>Whether the card's content fits a template card's fields without losing anything.</summary>
    public static bool FitsTemplateCard(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.Sections.Count == 0
            && card.Bars.Count == 0
            && card.Facts.Count <= MaxFacts
            && Width(card.Title) <= TitleWidth
            && Width(card.Subtitle) <= DescWidth
            && Width(SubTitle(card)) <= SubTitleWidth
            && card.Facts.All(f => Width(f.Label) <= KeyNameWidth && Width(f.Value) <= ValueWidth
                && !f.Label.Contains('\n', StringComparison.Ordinal) && !f.Value.Contains('\n', StringComparison.Ordinal));
    }

    /// <summary>
    /// The display width in half-字: CJK and other wide characters count 2, everything else 1.
    /// </summary>
    public static int Width(string? text)
    {
        var width = 0;
        foreach (var rune in (text ?? string.Empty).EnumerateRunes())
        {
            width += IsWide(rune) ? 2 : 1;
        }

        return width;
    }

    /// <summary>A task id WeCom accepts: only [0-9A-Za-z_-@], at most 128 bytes, unique per app forever.</summary>
    public static string TaskId(Guid deliveryId, int cardNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"oppbot-{deliveryId:N}-{cardNumber}");

    private static JsonObject FullCard(Card card, string mainTitle, string taskId)
    {
        var title = new JsonObject { ["title"] = mainTitle };
        if (!string.IsNullOrWhiteSpace(card.Subtitle))
        {
            title["desc"] = card.Subtitle;
        }

        var json = new JsonObject
        {
            ["card_type"] = "button_interaction",
            ["main_title"] = title,
        };
        var subTitle = SubTitle(card);
        if (subTitle.Length > 0)
        {
            json["sub_title_text"] = subTitle;
        }

        if (card.Facts.Count > 0)
        {
            json["horizontal_content_list"] = new JsonArray(card.Facts
                .Select(f => (JsonNode)new JsonObject { ["keyname"] = f.Label, ["value"] = f.Value })
                .ToArray());
        }

        json["task_id"] = taskId;
        return json;
    }

    private static string SubTitle(Card card)
    {
        var error = string.IsNullOrWhiteSpace(card.Error) ? null : "⚠ " + card.Error.Trim();
        var text = string.IsNullOrWhiteSpace(card.Text) ? null : card.Text.Trim();
        return string.Join('\n', new[] { error, text }.OfType<string>());
    }

    private static JsonArray Buttons(IEnumerable<CardAction> actions)
    {
        var buttons = new JsonArray();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            var key = ButtonKey.Encode(action.Verb, action.Data);
            if (!keys.Add(key))
            {
                throw new WeComRenderException(
                    $"Two buttons of one card encode to the same key '{action.Verb}': WeCom needs unique keys.");
            }

            buttons.Add(new JsonObject
            {
                ["text"] = action.Title,

                // 1 and 2 as in WeCom's approval example (同意 / 驳回); 1 is also WeCom's default.
                ["style"] = action.Style == ActionStyle.Destructive ? 2 : 1,
                ["key"] = key,
            });
        }

        return buttons;
    }

    /// <summary>
    /// One choice input becomes the card's dropdown; its answer comes back in SelectedItems under the input's id.
    /// Other inputs cannot be shown: optional ones are left out, a required one is a bug in the caller, because
    /// WeCom messages say SupportsForms = false and forms then run one field at a time.
    /// </summary>
    private static JsonObject? Selection(Card card)
    {
        var choices = card.Inputs
            .Where(i => i.Type == InputType.Choice && i.Choices.Count is > 0 and <= MaxSelectionOptions)
            .ToList();
        var unsupported = card.Inputs.Where(i => !choices.Take(1).Contains(i) && i.Required).ToList();
        if (unsupported.Count > 0)
        {
            throw new WeComRenderException(
                $"WeCom cards cannot show the required input(s) {string.Join(", ", unsupported.Select(i => i.Id))}; " +
                "send forms one field at a time (IncomingMessage.SupportsForms is false for WeCom).");
        }

        if (choices.Count == 0)
        {
            return null;
        }

        var input = choices[0];
        var selection = new JsonObject
        {
            ["question_key"] = input.Id,
            ["title"] = input.Label,
            ["option_list"] = new JsonArray(input.Choices
                .Select(c => (JsonNode)new JsonObject { ["id"] = c.Value, ["text"] = c.Title })
                .ToArray()),
        };
        if (input.Value is not null && input.Choices.Any(c => c.Value == input.Value))
        {
            selection["selected_id"] = input.Value;
        }

        return selection;
    }

    private static void FlushMarkdown(List<string> blocks, int maxBytes, List<WeComPart> parts)
    {
        var current = new StringBuilder();
        foreach (var block in blocks.Where(b => !string.IsNullOrWhiteSpace(b)))
        {
            var joined = current.Length == 0 ? block : current + "\n\n" + block;
            if (Encoding.UTF8.GetByteCount(joined) <= maxBytes)
            {
                current.Clear().Append(joined);
                continue;
            }

            if (current.Length > 0)
            {
                parts.Add(new MarkdownPart(current.ToString()));
                current.Clear();
            }

            var pieces = Split(block, maxBytes);
            for (var i = 0; i < pieces.Count - 1; i++)
            {
                parts.Add(new MarkdownPart(pieces[i]));
            }

            current.Append(pieces[^1]);
        }

        if (current.Length > 0)
        {
            parts.Add(new MarkdownPart(current.ToString()));
        }

        blocks.Clear();
    }

    private static string Truncate(string text, int maxWidth)
    {
        if (Width(text) <= maxWidth)
        {
            return text;
        }

        var builder = new StringBuilder();
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var w = IsWide(rune) ? 2 : 1;
            if (width + w > maxWidth - 2)
            {
                break;
            }

            builder.Append(rune.ToString());
            width += w;
        }

        // Only the small button card is shortened; the markdown before it carries the whole title.
        return builder.Append('…').ToString();
    }

    private static bool IsWide(Rune rune)
    {
        var v = rune.Value;
        return v is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60)
            or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x1F300 and <= 0x1FAFF) or (>= 0x20000 and <= 0x3FFFD);
    }
}

/// <summary>A reply WeCom cannot show (a button key over 1024 bytes, duplicate keys, a required form input): a bug in the caller.</summary>
internal sealed class WeComRenderException(string message) : InvalidOperationException(message);

/// <summary>One WeCom message produced from a reply.</summary>
internal abstract record WeComPart;

/// <summary>A <c>markdown</c> message.</summary>
internal sealed record MarkdownPart(string Content) : WeComPart;

/// <summary>A <c>template_card</c> message (the object under "template_card").</summary>
internal sealed record TemplateCardPart(JsonObject Card, string TaskId) : WeComPart;

/// <summary>
/// A button's <c>key</c> carries its verb and data back in the click's EventKey: <c>verb|k=v|k=v</c>, data
/// sorted by key, with '%', '|' and '=' percent-encoded. WeCom allows 1024 bytes; longer is a bug and throws.
/// </summary>
internal static class ButtonKey
{
    public const int MaxBytes = 1024;

    public static string Encode(string verb, IReadOnlyDictionary<string, string> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(verb);
        ArgumentNullException.ThrowIfNull(data);
        var builder = new StringBuilder(Escape(verb));
        foreach (var (key, value) in data.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            builder.Append('|').Append(Escape(key)).Append('=').Append(Escape(value));
        }

        var encoded = builder.ToString();
        var bytes = Encoding.UTF8.GetByteCount(encoded);
        if (bytes > MaxBytes)
        {
            throw new WeComRenderException(
                $"The button '{verb}' encodes to {bytes} bytes; WeCom allows {MaxBytes} in a button key. Send less data.");
        }

        return encoded;
    }

    /// <summary>Decodes a key into submit values (verb under <see cref="CardAction.VerbKey"/>); false if there is no verb.</summary>
    public static bool TryDecode(string? key, out Dictionary<string, string> submit)
    {
        submit = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(key))
        {
            return false;
        }

        var segments = key.Split('|');
        var verb = Unescape(segments[0]);
        if (verb.Length == 0)
        {
            return false;
        }

        foreach (var segment in segments.Skip(1))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                submit[Unescape(segment[..eq])] = Unescape(segment[(eq + 1)..]);
            }
        }

        submit[CardAction.VerbKey] = verb;
        return true;
    }

    private static string Escape(string value) => value
        .Replace("%", "%25", StringComparison.Ordinal)
        .Replace("|", "%7C", StringComparison.Ordinal)
        .Replace("=", "%3D", StringComparison.Ordinal);

    private static string Unescape(string value) => Uri.UnescapeDataString(value);
}
