namespace OppBot.Domain.Opportunities;

/// <summary>Whether a deal is still being worked.</summary>
public enum OpportunityStatus
{
    /// <summary>In one of the active stages.</summary>
    Open,

    /// <summary>Closed won.</summary>
    Won,

    /// <summary>Closed lost.</summary>
    Lost,
}
