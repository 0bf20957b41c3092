namespace OppBot.Domain.Conversations;

/// <summary>
/// One field of a form, described once and rendered either as a card input (Teams) or as one step of a
/// step-by-step dialog (WeCom).
/// </summary>
/// <param name="Id">The input id (the key of the submitted value).</param>
/// <param name="LabelKey">The <see cref="Strings"/> key of the label.</param>
/// <param name="Type">The kind of input.</param>
/// <param name="Required">Whether it must be filled.</param>
public sealed record FormField(string Id, string LabelKey, InputType Type, bool Required = false)
{
    /// <summary>Choices of a choice input, in the user's locale.</summary>
    public Func<string, IReadOnlyList<InputChoice>>? Choices { get; init; }

    /// <summary>The <see cref="Strings"/> key of a placeholder.</summary>
    public string? PlaceholderKey { get; init; }

    /// <summary>Maximum length of text.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Builds the card input, keeping <paramref name="value"/> and showing <paramref name="error"/>.</summary>
    public CardInput ToInput(string locale, string? value, string? error) => new(Id, Strings.Get(locale, LabelKey), Type)
    {
        Required = Required,
        Choices = Choices?.Invoke(locale) ?? [],
        Value = value,
        Error = error,
        Placeholder = PlaceholderKey is null ? null : Strings.Get(locale, PlaceholderKey),
        MaxLength = MaxLength,
        Min = Type == InputType.Number ? 0 : null,
        Max = Type == InputType.Number ? 10 : null,
    };
}
