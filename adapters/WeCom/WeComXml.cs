using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace OppBot.Adapters.WeCom;

/// <summary>
/// Parses the callback envelope and the decrypted message (shared/reference/wecom.md §1.3, §4) with an
/// XmlReader that refuses DTDs (so no entities, external or nested), resolves nothing and stops at
/// <see cref="MaxCharacters"/>. Malformed input is a result, never an exception.
/// </summary>
internal static class WeComXml
{
    /// <summary>Real callbacks are a few KB; anything near this is not WeCom.</summary>
    public const int MaxCharacters = 64 * 1024;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>Reads <c>&lt;xml&gt;&lt;ToUserName/&gt;&lt;Encrypt/&gt;&lt;AgentID/&gt;&lt;/xml&gt;</c>.</summary>
    public static WeComXmlResult<WeComEnvelope> ParseEnvelope(string xml)
    {
        var root = Load(xml, out var error);
        if (root is null)
        {
            return WeComXmlResult<WeComEnvelope>.Invalid(error!);
        }

        var encrypt = Value(root, "Encrypt");
        return string.IsNullOrEmpty(encrypt)
            ? WeComXmlResult<WeComEnvelope>.Invalid("missing Encrypt")
            : WeComXmlResult<WeComEnvelope>.Ok(new WeComEnvelope(Value(root, "ToUserName"), encrypt, Value(root, "AgentID")));
    }

    /// <summary>Reads a decrypted message or event. FromUserName, CreateTime and MsgType are required.</summary>
    public static WeComXmlResult<WeComMessage> ParseMessage(string xml)
    {
        var root = Load(xml, out var error);
        if (root is null)
        {
            return WeComXmlResult<WeComMessage>.Invalid(error!);
        }

        var from = Value(root, "FromUserName");
        var msgType = Value(root, "MsgType");
        var createTimeText = Value(root, "CreateTime");
        if (string.IsNullOrEmpty(from))
        {
            return WeComXmlResult<WeComMessage>.Invalid("missing FromUserName");
        }

        if (string.IsNullOrEmpty(msgType))
        {
            return WeComXmlResult<WeComMessage>.Invalid("missing MsgType");
        }

        if (!long.TryParse(createTimeText, NumberStyles.None, CultureInfo.InvariantCulture, out var createTime))
        {
            return WeComXmlResult<WeComMessage>.Invalid("missing or malformed CreateTime");
        }

        var selected = root.Element("SelectedItems")?.Elements("SelectedItem")
            .Select(item => new WeComSelectedItem(
                Value(item, "QuestionKey") ?? string.Empty,
                item.Element("OptionIds")?.Elements("OptionId").Select(o => o.Value.Trim()).ToArray() ?? []))
            .Where(item => item.QuestionKey.Length > 0)
            .ToArray() ?? [];

        return WeComXmlResult<WeComMessage>.Ok(new WeComMessage(from, createTime, msgType)
        {
            ToUserName = Value(root, "ToUserName"),
            Content = root.Element("Content")?.Value, // not trimmed: the user's text as typed
            MsgId = Value(root, "MsgId"),
            AgentId = Value(root, "AgentID"),
            Event = Value(root, "Event"),
            EventKey = Value(root, "EventKey"),
            ChangeType = Value(root, "ChangeType"),
            TaskId = Value(root, "TaskId"),
            CardType = Value(root, "CardType"),
            ResponseCode = Value(root, "ResponseCode"),
            SelectedItems = selected,
        });
    }

    private static XElement? Load(string xml, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(xml))
        {
            error = "empty document";
            return null;
        }

        if (xml.Length > MaxCharacters)
        {
            error = "document too large";
            return null;
        }

        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            var root = XDocument.Load(reader, LoadOptions.None).Root;
            if (root is null || root.Name != "xml")
            {
                error = "root element is not <xml>";
                return null;
            }

            return root;
        }
        catch (XmlException ex)
        {
            // The message says what is wrong ("DTD is prohibited", line/position), never the content.
            error = "malformed XML: " + ex.Message;
            return null;
        }
    }

    // Numeric fields come with or without CDATA (AgentID is CDATA in the envelope, plain in the message): trim.
    private static string? Value(XElement parent, string name) => parent.Element(name)?.Value.Trim();
}

/// <summary>The outcome of parsing: a value or why there is none.</summary>
internal sealed record WeComXmlResult<T>(T? Value, string? Error)
    where T : class
{
    public bool IsOk => Value is not null;

    public static WeComXmlResult<T> Ok(T value) => new(value, null);

    public static WeComXmlResult<T> Invalid(string error) => new(null, error);
}

/// <summary>The outer callback document. Its AgentID is unauthenticated until the signature is checked.</summary>
internal sealed record WeComEnvelope(string? ToUserName, string Encrypt, string? AgentId);

/// <summary>A decrypted message or event; fields WeCom leaves out are null.</summary>
internal sealed record WeComMessage(string FromUserName, long CreateTime, string MsgType)
{
    public string? ToUserName { get; init; }

    public string? Content { get; init; }

    /// <summary>A 64-bit number, kept as text.</summary>
    public string? MsgId { get; init; }

    public string? AgentId { get; init; }

    public string? Event { get; init; }

    public string? EventKey { get; init; }

    public string? ChangeType { get; init; }

    public string? TaskId { get; init; }

    public string? CardType { get; init; }

    /// <summary>One-time code for message/update_template_card, valid 72 h (reference §4.2).</summary>
    public string? ResponseCode { get; init; }

    public IReadOnlyList<WeComSelectedItem> SelectedItems { get; init; } = [];
}

/// <summary>One answered question of a card: its key and the chosen option ids.</summary>
internal sealed record WeComSelectedItem(string QuestionKey, IReadOnlyList<string> OptionIds);
