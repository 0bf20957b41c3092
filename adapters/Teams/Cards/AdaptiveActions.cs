using System.Text.Json.Serialization;

namespace OppBot.Adapters.Teams.Cards;

/// <summary>A button. <see cref="Data"/> is always an object: Teams drops string data (reference §7, pitfall 9).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
public abstract record AdaptiveAction
{
    [JsonPropertyOrder(-2)]
    public string? Title { get; init; }

    [JsonPropertyOrder(-1)]
    public IReadOnlyDictionary<string, string>? Data { get; init; }

    public ActionStyle? Style { get; init; }

    /// <summary><c>auto</c> (the default) sends the card's inputs with the action, <c>none</c> sends only <see cref="Data"/>.</summary>
    public AssociatedInputs? AssociatedInputs { get; init; }
}

public enum ActionStyle { Default, Positive, Destructive }

public enum AssociatedInputs { Auto, None }

/// <summary>
/// Action.Execute (1.4, Universal Actions): Teams sends an <c>adaptiveCard/action</c> invoke, but only when
/// <see cref="Verb"/> is set (reference §4.6). <see cref="Fallback"/> is what clients without 1.4 show instead.
/// </summary>
public sealed record ExecuteAction([property: JsonPropertyOrder(-3)] string Verb) : AdaptiveAction
{
    [JsonPropertyOrder(1)]
    public AdaptiveAction? Fallback { get; init; }
}

/// <summary>Action.Submit: a <c>message</c> activity whose <c>value</c> is <see cref="AdaptiveAction.Data"/> plus the inputs.</summary>
public sealed record SubmitAction : AdaptiveAction;
