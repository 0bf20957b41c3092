using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OppBot.Adapters.Teams.Cards;

/// <summary>
/// An element of a card's body. The <c>type</c> discriminator is written first, as the schema spells it.
/// Optional properties are nullable so that unset ones are left out of the JSON.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
[JsonDerivedType(typeof(NumberInput), "Input.Number")]
[JsonDerivedType(typeof(DateInput), "Input.Date")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
[JsonDerivedType(typeof(ToggleInput), "Input.Toggle")]
public abstract record AdaptiveElement
{
    [JsonPropertyOrder(1)]
    public Spacing? Spacing { get; init; }

    [JsonPropertyOrder(1)]
    public bool? Separator { get; init; }
}

public enum Spacing { None, Small, Default, Medium, Large, ExtraLarge, Padding }

public enum TextSize { Small, Default, Medium, Large, ExtraLarge }

public enum TextWeight { Lighter, Default, Bolder }

public enum TextColor { Default, Dark, Light, Accent, Good, Warning, Attention }

/// <summary>TextBlock <c>style</c> (1.5): <c>heading</c> lets screen readers announce the title as one.</summary>
public enum TextBlockStyle { Default, Heading }

public enum HorizontalAlignment { Left, Center, Right }

public enum VerticalAlignment { Top, Center, Bottom }

/// <summary>Container and column backgrounds as the host config colours them.</summary>
public enum ContainerStyle { Default, Emphasis, Good, Attention, Warning, Accent }

public sealed record TextBlock(string Text) : AdaptiveElement
{
    public bool? Wrap { get; init; }

    public TextSize? Size { get; init; }

    public TextWeight? Weight { get; init; }

    public TextColor? Color { get; init; }

    public bool? IsSubtle { get; init; }

    public TextBlockStyle? Style { get; init; }

    public HorizontalAlignment? HorizontalAlignment { get; init; }
}

public sealed record FactSet(IReadOnlyList<Fact> Facts) : AdaptiveElement;

public sealed record Fact(string Title, string Value);

public sealed record Container(IReadOnlyList<AdaptiveElement> Items) : AdaptiveElement
{
    public ContainerStyle? Style { get; init; }
}

public sealed record ColumnSet(IReadOnlyList<Column> Columns) : AdaptiveElement;

/// <summary>A column of a <see cref="ColumnSet"/>. Not an element of its own: its <c>type</c> is written explicitly.</summary>
public sealed record Column
{
    [JsonPropertyOrder(-1)]
    public string Type => "Column";

    /// <summary>Null for an empty column (a coloured bar segment).</summary>
    public IReadOnlyList<AdaptiveElement>? Items { get; init; }

    public ColumnWidth? Width { get; init; }

    public ContainerStyle? Style { get; init; }

    /// <summary>A CSS-like length such as <c>"16px"</c>; gives an empty column a height.</summary>
    public string? MinHeight { get; init; }

    public VerticalAlignment? VerticalContentAlignment { get; init; }

    public Spacing? Spacing { get; init; }
}

/// <summary>
/// A column's <c>width</c>: <c>"auto"</c>, <c>"stretch"</c> or a relative weight written as a JSON number
/// (a weight written as a string is rejected by the renderers).
/// </summary>
[JsonConverter(typeof(ColumnWidthConverter))]
public readonly record struct ColumnWidth
{
    private ColumnWidth(string? keyword, int weight)
    {
        Keyword = keyword;
        Weight = weight;
    }

    public string? Keyword { get; }

    public int Weight { get; }

    public static ColumnWidth Auto { get; } = new("auto", 0);

    public static ColumnWidth Stretch { get; } = new("stretch", 0);

    public static ColumnWidth Weighted(int weight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weight);
        return new(null, weight);
    }

    private sealed class ColumnWidthConverter : JsonConverter<ColumnWidth>
    {
        public override ColumnWidth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType switch
            {
                JsonTokenType.Number => Weighted(reader.GetInt32()),
                JsonTokenType.String when reader.GetString() == "auto" => Auto,
                JsonTokenType.String when reader.GetString() == "stretch" => Stretch,
                _ => throw new JsonException("A column width is \"auto\", \"stretch\" or a number."),
            };

        public override void Write(Utf8JsonWriter writer, ColumnWidth value, JsonSerializerOptions options)
        {
            if (value.Keyword is null)
            {
                writer.WriteNumberValue(value.Weight);
            }
            else
            {
                writer.WriteStringValue(value.Keyword);
            }
        }
    }

    public override string ToString() => Keyword ?? Weight.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Actions placed inside the body rather than at the bottom of the card.</summary>
public sealed record ActionSet(IReadOnlyList<AdaptiveAction> Actions) : AdaptiveElement;
