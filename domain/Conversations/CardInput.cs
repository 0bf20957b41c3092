namespace OppBot.Domain.Conversations;

/// <summary>The kind of a form input.</summary>
public enum InputType
{
    /// <summary>One line of text.</summary>
    Text,

    /// <summary>Several lines of text.</summary>
    MultilineText,

    /// <summary>A number (amounts are text so that 50万 works).</summary>
    Number,

    /// <summary>A date.</summary>
    Date,

    /// <summary>One choice of several.</summary>
    Choice,

    /// <summary>Yes or no.</summary>
    Toggle,
}

/// <summary>One choice of a <see cref="InputType.Choice"/> input.</summary>
public sealed record InputChoice(string Value, string Title);

/// <summary>A form input, with its current value and validation error (so the user's values are kept).</summary>
public sealed record CardInput(string Id, string Label, InputType Type)
{
    /// <summary>Whether the field must be filled.</summary>
    public bool Required { get; init; }

    /// <summary>The choices of a choice input.</summary>
    public IReadOnlyList<InputChoice> Choices { get; init; } = [];

    /// <summary>The current value (what the user typed before, or a default).</summary>
    public string? Value { get; init; }

    /// <summary>The validation error to show next to the field.</summary>
    public string? Error { get; init; }

    /// <summary>Grey hint text.</summary>
    public string? Placeholder { get; init; }

    /// <summary>Maximum length of text inputs.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Minimum of number inputs.</summary>
    public double? Min { get; init; }

    /// <summary>Maximum of number inputs.</summary>
    public double? Max { get; init; }
}
