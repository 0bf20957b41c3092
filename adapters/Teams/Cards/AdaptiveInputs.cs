using System.Text.Json.Serialization;

namespace OppBot.Adapters.Teams.Cards;

/// <summary>
/// Properties every input has (1.3): the id is the key of the value in submitted data; the client checks
/// <see cref="IsRequired"/> before sending and shows <see cref="ErrorMessage"/> under the field when it fails.
/// </summary>
public abstract record AdaptiveInput([property: JsonPropertyOrder(-4)] string Id) : AdaptiveElement
{
    [JsonPropertyOrder(-3)]
    public string? Label { get; init; }

    [JsonPropertyOrder(-2)]
    public bool? IsRequired { get; init; }

    [JsonPropertyOrder(-1)]
    public string? ErrorMessage { get; init; }
}

public sealed record TextInput(string Id) : AdaptiveInput(Id)
{
    public string? Value { get; init; }

    public string? Placeholder { get; init; }

    public bool? IsMultiline { get; init; }

    public int? MaxLength { get; init; }
}

/// <summary>Input.Number: the JS renderer submits its value as a string (reference §5.3).</summary>
public sealed record NumberInput(string Id) : AdaptiveInput(Id)
{
    public double? Value { get; init; }

    public string? Placeholder { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }
}

/// <summary>Input.Date: value, min and max are <c>YYYY-MM-DD</c>.</summary>
public sealed record DateInput(string Id) : AdaptiveInput(Id)
{
    public string? Value { get; init; }

    public string? Placeholder { get; init; }
}

public enum ChoiceSetStyle { Compact, Expanded }

public sealed record ChoiceSetInput(string Id, IReadOnlyList<Choice> Choices) : AdaptiveInput(Id)
{
    public ChoiceSetStyle? Style { get; init; }

    public string? Value { get; init; }

    public string? Placeholder { get; init; }

    public bool? Wrap { get; init; }
}

public sealed record Choice(string Title, string Value);

/// <summary>Input.Toggle: <see cref="Title"/> is the text beside the checkbox; values default to "true"/"false".</summary>
public sealed record ToggleInput(string Id, string Title) : AdaptiveInput(Id)
{
    public string? Value { get; init; }

    public bool? Wrap { get; init; }
}
