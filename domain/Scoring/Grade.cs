namespace OppBot.Domain.Scoring;

/// <summary>A lead's grade from its weighted score.</summary>
public enum Grade
{
    /// <summary>High potential: weighted score ≥ 8.</summary>
    A,

    /// <summary>Weighted score ≥ 6.</summary>
    B,

    /// <summary>Below 6.</summary>
    C,
}
