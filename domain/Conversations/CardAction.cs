namespace OppBot.Domain.Conversations;

/// <summary>How a button looks.</summary>
public enum ActionStyle
{
    /// <summary>An ordinary button.</summary>
    Default,

    /// <summary>The main, positive action.</summary>
    Positive,

    /// <summary>A destructive action (lose, reject).</summary>
    Destructive,
}

/// <summary>A button: a verb plus data, sent back as a card submission.</summary>
/// <param name="Title">The button's label.</param>
/// <param name="Verb">What the button does (e.g. <c>approve</c>, <c>advance</c>).</param>
public sealed record CardAction(string Title, string Verb)
{
    /// <summary>The key under which the verb travels in submitted data.</summary>
    public const string VerbKey = "verb";

    /// <summary>Data sent with the verb (e.g. the opportunity number).</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    /// <summary>The look of the button.</summary>
    public ActionStyle Style { get; init; }

    /// <summary>True when the button submits the card's inputs (a form's submit button).</summary>
    public bool SubmitsInputs { get; init; }
}
