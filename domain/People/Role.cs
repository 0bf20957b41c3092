namespace OppBot.Domain.People;

/// <summary>What a person may do.</summary>
public enum Role
{
    /// <summary>Edits own and collaborating deals, reads the team's.</summary>
    Rep,

    /// <summary>Edits the team's deals, approves, reopens.</summary>
    Manager,

    /// <summary>Everything, including configuration.</summary>
    Admin,
}
