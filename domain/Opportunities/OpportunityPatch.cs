using OppBot.Domain.Scoring;

namespace OppBot.Domain.Opportunities;

/// <summary>Changes to a deal's details; null means "leave as it is".</summary>
public sealed record OpportunityPatch
{
    /// <summary>New title.</summary>
    public string? Title { get; init; }

    /// <summary>New company.</summary>
    public string? Account { get; init; }

    /// <summary>New estimated amount.</summary>
    public decimal? Amount { get; init; }

    /// <summary>New currency.</summary>
    public string? Currency { get; init; }

    /// <summary>New quoted amount.</summary>
    public decimal? QuotedAmount { get; init; }

    /// <summary>New discount in percent.</summary>
    public decimal? DiscountPercent { get; init; }

    /// <summary>New source.</summary>
    public LeadSource? Source { get; init; }

    /// <summary>New contact.</summary>
    public string? ContactName { get; init; }

    /// <summary>New contact email.</summary>
    public string? ContactEmail { get; init; }

    /// <summary>New contact phone.</summary>
    public string? ContactPhone { get; init; }

    /// <summary>New decision maker.</summary>
    public string? DecisionMaker { get; init; }

    /// <summary>New scorecard.</summary>
    public Scorecard? Scorecard { get; init; }
}
