namespace OppBot.Domain.Conversations;

/// <summary>
/// A channel-neutral card: a title, facts, sections, bars, inputs and actions. Adapters render it
/// (Adaptive Cards for Teams, template cards or markdown for WeCom). No channel JSON here.
/// </summary>
public sealed record Card
{
    /// <summary>The card's heading.</summary>
    public required string Title { get; init; }

    /// <summary>A line under the title (stage progress, status).</summary>
    public string? Subtitle { get; init; }

    /// <summary>Free text shown under the title.</summary>
    public string? Text { get; init; }

    /// <summary>Label/value pairs.</summary>
    public IReadOnlyList<CardFact> Facts { get; init; } = [];

    /// <summary>Titled blocks of text lines or facts.</summary>
    public IReadOnlyList<CardSection> Sections { get; init; } = [];

    /// <summary>Horizontal bars (funnels, leaderboards), drawn inside the card so every client renders them.</summary>
    public IReadOnlyList<CardBar> Bars { get; init; } = [];

    /// <summary>Inputs of a form.</summary>
    public IReadOnlyList<CardInput> Inputs { get; init; } = [];

    /// <summary>Buttons.</summary>
    public IReadOnlyList<CardAction> Actions { get; init; } = [];

    /// <summary>An error shown at the top of a form.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// When set, only these users (by internal user id) see the actions; everyone else sees the card without them.
    /// Teams renders this as a user-specific view (refresh.userIds).
    /// </summary>
    public IReadOnlyList<string>? ActionsVisibleTo { get; init; }

    /// <summary>An optional id that identifies what the card shows (e.g. <c>approval:{id}</c>), used to refresh it.</summary>
    public string? RefreshVerb { get; init; }

    /// <summary>Data that goes with <see cref="RefreshVerb"/>.</summary>
    public IReadOnlyDictionary<string, string>? RefreshData { get; init; }
}

/// <summary>A label and a value.</summary>
public sealed record CardFact(string Label, string Value);

/// <summary>A titled block in a card.</summary>
public sealed record CardSection(string? Title, IReadOnlyList<string> Lines)
{
    /// <summary>Facts shown under the lines.</summary>
    public IReadOnlyList<CardFact> Facts { get; init; } = [];
}

/// <summary>A horizontal bar: a label, a value as a fraction of the longest bar (0–1) and its formatted value.</summary>
public sealed record CardBar(string Label, double Fraction, string ValueText);
