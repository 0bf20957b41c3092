namespace OppBot.Domain.Scheduling;

/// <summary>Why a deal needs its owner's attention.</summary>
public enum NudgeReason
{
    /// <summary>The next step's due time has passed.</summary>
    Overdue,

    /// <summary>The deal has been in its stage longer than the stage's SLA.</summary>
    StalledInStage,

    /// <summary>No follow-up was logged for longer than <see cref="DomainSettings.StallAfterDaysWithoutFollowUp"/>.</summary>
    NoRecentFollowUp,
}
