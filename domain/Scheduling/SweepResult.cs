namespace OppBot.Domain.Scheduling;

/// <summary>What one follow-up sweep did.</summary>
/// <param name="DealsScanned">Open deals looked at: those that may need attention (<see cref="NudgePolicy.MayNeedAttention"/>).</param>
/// <param name="NudgesQueued">Nudge messages queued: at most one per rep.</param>
/// <param name="Escalations">Deals escalated to their team's manager (and flagged for the weekly review).</param>
/// <param name="Skipped">People who should have had a message but could not: no personal address, or unknown.</param>
public sealed record SweepResult(int DealsScanned, int NudgesQueued, int Escalations, int Skipped)
{
    /// <summary>Deals due whose owner (or manager) is outside working hours: a later run handles them.</summary>
    public int Deferred { get; init; }

    /// <summary>Deals released to the team pool for inactivity (only with <c>FollowUps:AutoReleaseToPool</c>).</summary>
    public int ReleasedToPool { get; init; }

    /// <summary>Batches not saved because someone changed one of their deals meanwhile; the next run does them again.</summary>
    public int Conflicts { get; init; }
}
