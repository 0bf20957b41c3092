namespace OppBot.Domain.Scheduling;

/// <summary>What <see cref="NudgePolicy"/> decided about one deal at one moment.</summary>
public enum NudgeOutcome
{
    /// <summary>Nothing is due: the deal is closed, pooled, or on track.</summary>
    NothingDue,

    /// <summary>Something is due but the owner snoozed or paused nudges about this deal.</summary>
    Held,

    /// <summary>Something is due but the owner was nudged about it less than a day ago.</summary>
    NudgedRecently,

    /// <summary>Something is due but it is outside the owner's working hours: a later run sends it.</summary>
    OutsideWorkingHours,

    /// <summary>Nudge the owner now.</summary>
    Nudge,
}

/// <summary>The decision about one deal.</summary>
/// <param name="Outcome">Whether to nudge the owner now.</param>
/// <param name="Reasons">Everything that is due (empty when nothing is).</param>
/// <param name="Escalate">
/// True when the deal has been in its stage longer than twice the SLA and the manager was not told yet. Independent of
/// the owner's working hours and of the daily nudge limit; false while nudges are held.
/// </param>
/// <param name="NextWorkingMoment">For <see cref="NudgeOutcome.OutsideWorkingHours"/>: when the owner's working day starts.</param>
public sealed record NudgeDecision(NudgeOutcome Outcome, IReadOnlyList<NudgeReason> Reasons, bool Escalate, DateTimeOffset? NextWorkingMoment = null)
{
    /// <summary>Nothing to do.</summary>
    public static NudgeDecision Nothing { get; } = new(NudgeOutcome.NothingDue, [], false);

    /// <summary>True when the owner is nudged now.</summary>
    public bool ShouldNudge => Outcome == NudgeOutcome.Nudge;
}
