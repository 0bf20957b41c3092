using System.Linq.Expressions;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain.Scheduling;

/// <summary>
/// Decides whether the owner of an open deal is nudged now. Pure: the deal, its owner, the settings and the time in,
/// a <see cref="NudgeDecision"/> out.
/// <list type="bullet">
/// <item>Due: the next step's due time has passed, or the deal is stalled (<see cref="Opportunity.IsStalled"/>: longer
/// in its stage than the SLA, or no follow-up for too long).</item>
/// <item>Not while snoozed or paused (<see cref="Opportunity.NudgesHeld"/>), and at most once a day per deal
/// (<see cref="Opportunity.LastNudgedAt"/>).</item>
/// <item>Only inside the owner's working hours, in the owner's time zone. Outside them nothing is queued: the sweep
/// runs every few minutes, and the first run inside the next working day sends the nudge. Queuing it at once with
/// <c>OutgoingMessage.NotBefore</c> was the alternative; deciding later means a deal the rep snoozed, updated or won
/// over the weekend is not nudged on Monday from a stale decision, and no row waits in the outbox for days.</item>
/// <item>Past twice the stage's SLA the manager is told, once per stage (<see cref="Opportunity.EscalatedAt"/> is
/// cleared when the deal changes stage).</item>
/// </list>
/// </summary>
public static class NudgePolicy
{
    /// <summary>The least time between two nudges about one deal: a day.</summary>
    public static readonly TimeSpan NudgeInterval = TimeSpan.FromHours(24);

    /// <summary>
    /// Slack on <see cref="NudgeInterval"/>: a sweep that fires a few seconds earlier than yesterday's still counts as a
    /// day later, so the daily nudge does not slip by one sweep interval each day.
    /// </summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>Decides about <paramref name="deal"/>, owned by <paramref name="owner"/>, at <paramref name="now"/>.</summary>
    public static NudgeDecision Decide(Opportunity deal, SalesRep owner, DomainSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(settings);
        if (deal.Status != OpportunityStatus.Open || deal.OwnerId != owner.Id)
        {
            return NudgeDecision.Nothing;
        }

        var reasons = Reasons(deal, settings, now);
        if (reasons.Count == 0)
        {
            return NudgeDecision.Nothing;
        }

        if (deal.NudgesHeld(now))
        {
            return new NudgeDecision(NudgeOutcome.Held, reasons, false);
        }

        var escalate = ShouldEscalate(deal, settings, now);
        if (deal.LastNudgedAt is { } last && now - last < NudgeInterval - Tolerance)
        {
            return new NudgeDecision(NudgeOutcome.NudgedRecently, reasons, escalate);
        }

        if (!IsWorkingTime(owner, now))
        {
            return new NudgeDecision(NudgeOutcome.OutsideWorkingHours, reasons, escalate, owner.WorkingHours.NextWorkingMoment(now, owner.TimeZone));
        }

        return new NudgeDecision(NudgeOutcome.Nudge, reasons, escalate);
    }

    /// <summary>Everything due on an open deal, held or not.</summary>
    public static IReadOnlyList<NudgeReason> Reasons(Opportunity deal, DomainSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(settings);
        var reasons = new List<NudgeReason>();
        if (deal.IsOverdue(now))
        {
            reasons.Add(NudgeReason.Overdue);
        }

        if (deal.IsStalled(settings, now))
        {
            // The same two tests IsStalled makes, told apart for the card.
            if (deal.DaysInStage(now) > deal.Stage(settings).SlaDays)
            {
                reasons.Add(NudgeReason.StalledInStage);
            }

            if ((now - deal.LastFollowUpAt).TotalDays > settings.StallAfterDaysWithoutFollowUp)
            {
                reasons.Add(NudgeReason.NoRecentFollowUp);
            }
        }

        return reasons;
    }

    /// <summary>
    /// Whether the manager should be told about the deal now: open, owned, not held, in its stage longer than twice
    /// the SLA, and not escalated since it entered the stage.
    /// </summary>
    public static bool ShouldEscalate(Opportunity deal, DomainSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(settings);
        return deal.Status == OpportunityStatus.Open
            && deal.OwnerId is not null
            && deal.EscalatedAt is null
            && !deal.NudgesHeld(now)
            && deal.DaysInStage(now) > 2 * deal.Stage(settings).SlaDays;
    }

    /// <summary>
    /// A rule the store can run in SQL that every open deal the sweep could act on at <paramref name="now"/> matches:
    /// overdue or stalled (in its stage longer than the SLA, or without a follow-up) and not nudged within
    /// <see cref="NudgeInterval"/>; or in its stage longer than twice the SLA and not escalated; or, with
    /// <paramref name="autoReleaseToPool"/>, inactive. It may match more than <see cref="Decide"/> acts on (held deals,
    /// whole days), never less: the sweep still decides deal by deal. With it the sweep reads the deals that need
    /// attention instead of every open deal (see docs/performance.md).
    /// </summary>
    public static Expression<Func<Opportunity, bool>> MayNeedAttention(DomainSettings settings, bool autoReleaseToPool, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var notNudgedSince = now - (NudgeInterval - Tolerance);
        var noFollowUpSince = now.AddDays(-settings.StallAfterDaysWithoutFollowUp);
        var inactiveSince = now.AddDays(-settings.PoolAfterInactiveDays);
        Expression<Func<Opportunity, bool>> due = o =>
            (o.NextStepDue != null && o.NextStepDue < now) || o.LastFollowUpAt < noFollowUpSince;
        Expression<Func<Opportunity, bool>>? stalled = null, stalledTwice = null;
        foreach (var stage in settings.Pipeline.Active)
        {
            // DaysInStage(now) > SlaDays needs the stage entered more than SlaDays days ago (whole days make it later).
            var code = stage.Code;
            var enteredBefore = now.AddDays(-stage.SlaDays);
            var enteredBeforeTwice = now.AddDays(-2 * stage.SlaDays);
            stalled = Or(stalled, o => o.StageCode == code && o.StageEnteredAt < enteredBefore);
            stalledTwice = Or(stalledTwice, o => o.StageCode == code && o.StageEnteredAt < enteredBeforeTwice);
        }

        Expression<Func<Opportunity, bool>> notNudgedRecently = o => o.LastNudgedAt == null || o.LastNudgedAt <= notNudgedSince;
        Expression<Func<Opportunity, bool>> notEscalated = o => o.EscalatedAt == null;
        var rule = And(Or(due, stalled!), notNudgedRecently);
        rule = Or(rule, And(stalledTwice!, notEscalated));
        if (autoReleaseToPool)
        {
            rule = Or(rule, o => o.LastActivityAt < inactiveSince);
        }

        return And(o => o.Status == OpportunityStatus.Open, rule);
    }

    private static Expression<Func<Opportunity, bool>> Or(Expression<Func<Opportunity, bool>>? a, Expression<Func<Opportunity, bool>> b) =>
        a is null ? b : Combine(a, b, Expression.OrElse);

    private static Expression<Func<Opportunity, bool>> And(Expression<Func<Opportunity, bool>> a, Expression<Func<Opportunity, bool>> b) =>
        Combine(a, b, Expression.AndAlso);

    // One parameter for both sides, so LINQ providers see a plain predicate.
    private static Expression<Func<Opportunity, bool>> Combine(
        Expression<Func<Opportunity, bool>> a, Expression<Func<Opportunity, bool>> b, Func<Expression, Expression, BinaryExpression> join)
    {
        var o = a.Parameters[0];
        var right = new Rebind(b.Parameters[0], o).Visit(b.Body);
        return Expression.Lambda<Func<Opportunity, bool>>(join(a.Body, right), o);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>Whether the owner did nothing with the deal for longer than <see cref="DomainSettings.PoolAfterInactiveDays"/>.</summary>
    public static bool IsInactive(Opportunity deal, DomainSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(settings);
        return deal.Status == OpportunityStatus.Open
            && deal.OwnerId is not null
            && (now - deal.LastActivityAt).TotalDays > settings.PoolAfterInactiveDays;
    }

    /// <summary>Whether <paramref name="now"/> is inside the person's working hours, in their time zone.</summary>
    public static bool IsWorkingTime(SalesRep person, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.WorkingHours.Contains(TimeZoneInfo.ConvertTime(now, person.TimeZone).DateTime);
    }
}
