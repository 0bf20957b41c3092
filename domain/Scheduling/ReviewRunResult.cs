namespace OppBot.Domain.Scheduling;

/// <summary>What one run of <see cref="WeeklyReview.RunDueAsync"/> did.</summary>
/// <param name="TeamsChecked">Teams looked at.</param>
/// <param name="Posted">Teams whose review of this week was done (and recorded) in this run, even when nobody could be messaged.</param>
/// <param name="MessagesQueued">Messages queued: broadcasts, reps' cards and managers' rollups.</param>
public sealed record ReviewRunResult(int TeamsChecked, int Posted, int MessagesQueued);
