using System.Text.Json.Nodes;

namespace OppBot.Bot.Tests.EndToEnd;

/// <summary>
/// Reads an Adaptive Card as the JSON the channel received (not OppBot's own model): its texts, inputs and buttons,
/// so the stories assert on what a Teams client would show.
/// </summary>
internal static class AdaptiveCardJson
{
    /// <summary>Every string a user can read in the card body (text blocks, fact titles and values, toggle titles, labels).</summary>
    public static string Text(JsonObject card)
    {
        var texts = new List<string>();
        Walk(card["body"], node =>
        {
            foreach (var key in new[] { "text", "title", "value", "label", "placeholder" })
            {
                if (node[key] is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    texts.Add(text);
                }
            }
        });
        return string.Join("\n", texts);
    }

    /// <summary>The card's heading (the first text block), which OppBot uses as its title.</summary>
    public static string Title(JsonObject card) =>
        card["body"]?.AsArray().OfType<JsonObject>().FirstOrDefault(e => e["type"]?.GetValue<string>() == "TextBlock" && e["style"]?.GetValue<string>() == "heading")
            ?["text"]?.GetValue<string>() ?? "";

    /// <summary>The inputs in the body, in order.</summary>
    public static IReadOnlyList<CardInputJson> Inputs(JsonObject card)
    {
        var inputs = new List<CardInputJson>();
        Walk(card["body"], node =>
        {
            if (node["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal))
            {
                inputs.Add(new CardInputJson(
                    node["id"]!.GetValue<string>(),
                    type,
                    node["value"]?.GetValue<string>(),
                    node["isRequired"]?.GetValue<bool>() == true,
                    node["choices"]?.AsArray().Select(c => c!["value"]!.GetValue<string>()).ToList() ?? []));
            }
        });
        return inputs;
    }

    /// <summary>The card's buttons (card actions and action sets in the body).</summary>
    public static IReadOnlyList<CardActionJson> Actions(JsonObject card)
    {
        var actions = new List<JsonObject>();
        actions.AddRange(card["actions"]?.AsArray().OfType<JsonObject>() ?? []);
        Walk(card["body"], node =>
        {
            if (node["type"]?.GetValue<string>() == "ActionSet")
            {
                actions.AddRange(node["actions"]!.AsArray().OfType<JsonObject>());
            }
        });
        return actions.Select(a => new CardActionJson(
            a["type"]!.GetValue<string>(),
            a["verb"]?.GetValue<string>(),
            a["title"]?.GetValue<string>() ?? "",
            a["data"] as JsonObject ?? [],
            a["associatedInputs"]?.GetValue<string>(),
            a["fallback"] as JsonObject)).ToList();
    }

    /// <summary>The one button with <paramref name="verb"/>.</summary>
    public static CardActionJson Action(JsonObject card, string verb) =>
        Actions(card).SingleOrDefault(a => a.Verb == verb)
        ?? throw new Xunit.Sdk.XunitException($"The card '{Title(card)}' has no button with verb {verb}; it has: {string.Join(", ", Actions(card).Select(a => a.Verb))}");

    private static void Walk(JsonNode? node, Action<JsonObject> visit)
    {
        switch (node)
        {
            case JsonObject obj:
                visit(obj);
                foreach (var (key, child) in obj)
                {
                    // A button's data is the bot's payload, and an action set's buttons are read by Actions.
                    if (key is not ("data" or "actions" or "selectAction"))
                    {
                        Walk(child, visit);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, visit);
                }

                break;
        }
    }
}

/// <summary>An input as the card declares it.</summary>
internal sealed record CardInputJson(string Id, string Type, string? Value, bool IsRequired, IReadOnlyList<string> Choices);

/// <summary>A button as the card declares it: <c>Action.Execute</c> (verb, data) with its fallback.</summary>
internal sealed record CardActionJson(string Type, string? Verb, string Title, JsonObject Data, string? AssociatedInputs, JsonObject? Fallback);
