namespace OppBot.Domain.Audit;

/// <summary>What happened to a deal, recorded with the change for broadcasts, webhooks and analytics.</summary>
public enum EventType
{
    /// <summary>A deal was created.</summary>
    Created,

    /// <summary>A deal moved to another active stage.</summary>
    StageChanged,

    /// <summary>A deal was won.</summary>
    Won,

    /// <summary>A deal was lost.</summary>
    Lost,

    /// <summary>A closed deal was reopened.</summary>
    Reopened,

    /// <summary>A move waits for a manager's approval.</summary>
    ApprovalRequested,

    /// <summary>A manager approved or rejected a move.</summary>
    ApprovalDecided,

    /// <summary>A follow-up was logged.</summary>
    FollowUpLogged,

    /// <summary>A next step was set.</summary>
    NextStepSet,

    /// <summary>A deal was released to the team pool.</summary>
    ReleasedToPool,

    /// <summary>A rep claimed a pooled deal.</summary>
    Claimed,

    /// <summary>Someone joined as collaborator.</summary>
    CollaboratorAdded,
}

/// <summary>A domain event, stored with the change that raised it.</summary>
/// <param name="Id">A stable id receivers can de-duplicate on.</param>
/// <param name="Type">What happened.</param>
/// <param name="OpportunityId">The deal.</param>
/// <param name="Number">The deal's number.</param>
/// <param name="TeamId">The deal's team.</param>
/// <param name="ActorId">Who did it (null for the system).</param>
/// <param name="At">When.</param>
/// <param name="Data">Details (from/to stage, amount, reason ...).</param>
public sealed record DomainEvent(
    Guid Id,
    EventType Type,
    Guid OpportunityId,
    int Number,
    string TeamId,
    Guid? ActorId,
    DateTimeOffset At,
    IReadOnlyDictionary<string, string> Data);
