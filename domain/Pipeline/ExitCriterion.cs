namespace OppBot.Domain.Pipeline;

/// <summary>Something that must be true of a deal before it may leave a stage.</summary>
public enum ExitCriterion
{
    /// <summary>A contact person is named.</summary>
    Contact,

    /// <summary>The customer's need is confirmed (BANT: need).</summary>
    Need,

    /// <summary>The decision maker is identified.</summary>
    DecisionMaker,

    /// <summary>The budget is known (BANT: budget).</summary>
    Budget,

    /// <summary>The contact has authority or access to it (BANT: authority).</summary>
    Authority,

    /// <summary>The purchase timeline is known (BANT: timeline).</summary>
    Timeline,

    /// <summary>An estimated amount is entered.</summary>
    Amount,

    /// <summary>A quote was given: the quoted amount is entered.</summary>
    QuotedAmount,

    /// <summary>A next step is planned.</summary>
    NextStep,
}
