using OppBot.Domain.Scheduling;

namespace OppBot.Domain.Tests.Scheduling;

public class NudgePolicyTests
{
    private readonly SchedulingWorld _world = new();

    [Fact]
    public void Decide_NextStepNotDueYet_NothingDue()
    {
        var deal = _world.DealDue(_world.Li, SchedulingWorld.Start, SchedulingWorld.Start.AddDays(2));

        var decision = NudgePolicy.Decide(deal, _world.Li, _world.Settings, SchedulingWorld.Start.AddDays(1));

        Assert.Equal(NudgeOutcome.NothingDue, decision.Outcome);
    }

    [Fact]
    public void Decide_OverdueInWorkingHours_Nudges()
    {
        var deal = _world.DealDue(_world.Li, SchedulingWorld.Start, SchedulingWorld.Start.AddHours(1));

        var decision = NudgePolicy.Decide(deal, _world.Li, _world.Settings, SchedulingWorld.Start.AddHours(2));

        Assert.Equal(NudgeOutcome.Nudge, decision.Outcome);
        Assert.Equal([NudgeReason.Overdue], decision.Reasons);
        Assert.False(decision.Escalate);
    }

    [Fact]
    public void Decide_OverdueOnFridayEvening_WaitsForMondayMorning()
    {
        var friday = SchedulingWorld.Local(2026, 11, 27, 19);
        var deal = _world.DealDue(_world.Li, SchedulingWorld.Start, friday);

        var decision = NudgePolicy.Decide(deal, _world.Li, _world.Settings, friday.AddMinutes(15));

        Assert.Equal(NudgeOutcome.OutsideWorkingHours, decision.Outcome);
        Assert.Equal(SchedulingWorld.Local(2026, 11, 30, 9), decision.NextWorkingMoment);
    }

    [Fact]
    public void Decide_Snoozed_IsHeldAndNotEscalated()
    {
        var deal = _world.DealDue(_world.Li, SchedulingWorld.Start, SchedulingWorld.Start.AddHours(1));
        var now = SchedulingWorld.Start.AddDays(29); // past twice the lead SLA as well
        Assert.Null(deal.Snooze(_world.Li, now.AddDays(1), now));

        var decision = NudgePolicy.Decide(deal, _world.Li, _world.Settings, now);

        Assert.Equal(NudgeOutcome.Held, decision.Outcome);
        Assert.False(decision.Escalate);
    }

    [Fact]
    public void Decide_NudgedTwentyHoursAgo_NotAgain()
    {
        var deal = _world.DealDue(_world.Li, SchedulingWorld.Start, SchedulingWorld.Start.AddHours(1));
        deal.MarkNudged(SchedulingWorld.Start.AddHours(2));

        var decision = NudgePolicy.Decide(deal, _world.Li, _world.Settings, SchedulingWorld.Start.AddHours(22));

        Assert.Equal(NudgeOutcome.NudgedRecently, decision.Outcome);
    }

    [Fact]
    public void Decide_NudgedADayAgoByAnEarlierSweep_NudgesAgain()
    {
        var deal = _world.DealDue(_world.Li, SchedulingWorld.Start, SchedulingWorld.Start.AddHours(1));
        deal.MarkNudged(SchedulingWorld.Start.AddHours(2).AddSeconds(2)); // yesterday's sweep fired two seconds late

        var decision = NudgePolicy.Decide(deal, _world.Li, _world.Settings, SchedulingWorld.Start.AddDays(1).AddHours(2));

        Assert.Equal(NudgeOutcome.Nudge, decision.Outcome);
    }

    [Theory]
    [InlineData(14, false)] // 14 days in lead: at the SLA, not past it
    [InlineData(15, true)] // past the 14-day SLA
    public void Reasons_DaysInStageAgainstSla(int days, bool stalled)
    {
        var deal = _world.Deal(_world.Li, SchedulingWorld.Start);

        var reasons = NudgePolicy.Reasons(deal, _world.Settings, SchedulingWorld.Start.AddDays(days).AddHours(1));

        Assert.Equal(stalled, reasons.Contains(NudgeReason.StalledInStage));
    }

    [Theory]
    [InlineData(28, false)] // twice the SLA, not past it
    [InlineData(29, true)] // past twice the SLA
    public void ShouldEscalate_PastTwiceTheSla(int days, bool escalate)
    {
        var deal = _world.Deal(_world.Li, SchedulingWorld.Start);

        Assert.Equal(escalate, NudgePolicy.ShouldEscalate(deal, _world.Settings, SchedulingWorld.Start.AddDays(days).AddHours(1)));
    }

    [Fact]
    public void ShouldEscalate_AlreadyEscalatedInThisStage_False()
    {
        var deal = _world.Deal(_world.Li, SchedulingWorld.Start);
        deal.MarkEscalated(SchedulingWorld.Start.AddDays(29));

        Assert.False(NudgePolicy.ShouldEscalate(deal, _world.Settings, SchedulingWorld.Start.AddDays(35)));
    }

    [Fact]
    public void Reasons_NoFollowUpForLongerThanTheRule_NoRecentFollowUp()
    {
        var world = new SchedulingWorld(new DomainSettings { StallAfterDaysWithoutFollowUp = 7 });
        var deal = world.Deal(world.Li, SchedulingWorld.Start);

        var reasons = NudgePolicy.Reasons(deal, world.Settings, SchedulingWorld.Start.AddDays(8));

        Assert.Equal([NudgeReason.NoRecentFollowUp], reasons);
    }
}
