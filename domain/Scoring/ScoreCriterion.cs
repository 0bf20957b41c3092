namespace OppBot.Domain.Scoring;

/// <summary>The four criteria of the lead scorecard.</summary>
public enum ScoreCriterion
{
    /// <summary>Company size. Default weight 20%.</summary>
    CompanySize,

    /// <summary>Urgency of the need. Default weight 30%.</summary>
    Urgency,

    /// <summary>Access to the decision maker. Default weight 25%.</summary>
    DecisionMakerAccess,

    /// <summary>How well the product fits. Default weight 25%.</summary>
    ProductFit,
}
