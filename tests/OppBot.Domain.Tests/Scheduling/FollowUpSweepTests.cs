using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Scheduling;

namespace OppBot.Domain.Tests.Scheduling;

public class FollowUpSweepTests
{
    private readonly SchedulingWorld _world = new();

    [Fact]
    public async Task RunAsync_DueFridayEvening_ArrivesMondayAtNine()
    {
        var friday = SchedulingWorld.Local(2026, 11, 27, 19);
        var deal = _world.DealDue(_world.Li, SchedulingWorld.Start, friday);

        // Every 15 minutes from Friday 19:00 to Monday 09:30, as the job would.
        await _world.SweepEvery15Minutes(friday, SchedulingWorld.Local(2026, 11, 30, 9, 30));

        var nudge = Assert.Single(_world.To("chat-li"));
        Assert.Equal(SchedulingWorld.Local(2026, 11, 30, 9), nudge.CreatedAt);
        Assert.Equal(SchedulingWorld.Local(2026, 11, 30, 9), nudge.NextAttemptAt);
        Assert.Equal(MessagePurpose.Nudge, nudge.Purpose);
        Assert.Equal(SchedulingWorld.Local(2026, 11, 30, 9), deal.LastNudgedAt);
    }

    [Fact]
    public async Task RunAsync_OutsideWorkingHours_CountsDeferred()
    {
        var friday = SchedulingWorld.Local(2026, 11, 27, 19);
        _world.DealDue(_world.Li, SchedulingWorld.Start, friday);

        var result = await _world.SweepAt(friday.AddMinutes(15));

        Assert.Equal(new SweepResult(1, 0, 0, 0) { Deferred = 1 }, result);
        Assert.Empty(_world.Store.Outbox);
    }

    [Fact]
    public async Task RunAsync_SnoozedForADay_NudgesAgainWhenTheSnoozeEnds()
    {
        var deal = _world.DealDue(_world.Li, SchedulingWorld.Start, SchedulingWorld.Start.AddHours(1));
        var first = SchedulingWorld.Local(2026, 11, 26, 10); // Thursday
        await _world.SweepAt(first);
        Assert.Null(deal.Snooze(_world.Li, SchedulingWorld.Local(2026, 11, 30, 10), first.AddMinutes(5))); // until Monday 10:00

        await _world.SweepEvery15Minutes(first.AddMinutes(15), SchedulingWorld.Local(2026, 11, 30, 10, 30));

        var nudges = _world.To("chat-li");
        Assert.Equal([first, SchedulingWorld.Local(2026, 11, 30, 10)], nudges.Select(m => m.CreatedAt)); // the sweep at the snooze's end
    }

    [Fact]
    public async Task RunAsync_Paused_NoNudgeUntilThePauseEnds()
    {
        var deal = _world.DealDue(_world.Li, SchedulingWorld.Start, SchedulingWorld.Start.AddHours(1));
        Assert.Null(deal.Pause(_world.Li, SchedulingWorld.Local(2026, 12, 2, 9), "客户预算周期", SchedulingWorld.Start.AddHours(2)));

        await _world.SweepEvery15Minutes(SchedulingWorld.Start.AddHours(3), SchedulingWorld.Local(2026, 12, 2, 9, 15));

        var nudge = Assert.Single(_world.To("chat-li"));
        Assert.Equal(SchedulingWorld.Local(2026, 12, 2, 9), nudge.CreatedAt); // the sweep at the pause's end
    }

    [Fact]
    public async Task RunAsync_SeveralDealsDue_OneMessagePerRep()
    {
        var due = SchedulingWorld.Start.AddHours(1);
        var a = _world.DealDue(_world.Li, SchedulingWorld.Start, due);
        var b = _world.DealDue(_world.Li, SchedulingWorld.Start, due);
        var c = _world.DealDue(_world.Li, SchedulingWorld.Start, due);
        var d = _world.DealDue(_world.Han, SchedulingWorld.Start, due);

        var result = await _world.SweepAt(SchedulingWorld.Start.AddHours(2));

        Assert.Equal(4, result.DealsScanned);
        Assert.Equal(2, result.NudgesQueued);
        var li = Assert.Single(_world.To("chat-li"));
        Assert.Equal([a.Number, b.Number, c.Number], li.Reply.Cards.Select(card => Number(card.Actions[0])));
        Assert.Equal("zh-CN", li.Reply.Locale);
        Assert.Contains("3", li.Reply.Text, StringComparison.Ordinal);
        var han = Assert.Single(_world.To("chat-han"));
        Assert.Equal([d.Number], han.Reply.Cards.Select(card => Number(card.Actions[0])));
        Assert.Equal("en", han.Reply.Locale);
    }

    [Fact]
    public async Task RunAsync_DueCard_HasDoneSnoozePauseAndOpenButtons()
    {
        var deal = _world.DealDue(_world.Li, SchedulingWorld.Start, SchedulingWorld.Start.AddHours(1), step: "发报价");

        await _world.SweepAt(SchedulingWorld.Start.AddHours(2));

        var card = Assert.Single(Assert.Single(_world.To("chat-li")).Reply.Cards);
        Assert.Equal(Messages.DealLabel(deal), card.Title);
        Assert.Contains("发报价", card.Text, StringComparison.Ordinal);
        Assert.Equal(
            [(Verbs.Log, ""), (Verbs.Snooze, "1"), (Verbs.Snooze, "3"), (Verbs.Snooze, "7"), (Verbs.Pause, ""), (Verbs.Show, "")],
            card.Actions.Select(a => (a.Verb, a.Data.GetValueOrDefault("days", ""))));
        Assert.All(card.Actions, a => Assert.Equal(deal.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Data["n"]));
        Assert.All(card.Actions, a => Assert.False(string.IsNullOrWhiteSpace(a.Title)));
    }

    [Fact]
    public async Task RunAsync_DealsSpreadOverSeveralPages_StillOneMessagePerRep()
    {
        var due = SchedulingWorld.Start.AddHours(1);
        for (var i = 0; i < FollowUpSweep.PageSize + 50; i++)
        {
            _world.DealDue(i % 2 == 0 ? _world.Li : _world.Han, SchedulingWorld.Start, due);
        }

        var result = await _world.SweepAt(SchedulingWorld.Start.AddHours(2));

        Assert.Equal(FollowUpSweep.PageSize + 50, result.DealsScanned);
        Assert.Equal(2, result.NudgesQueued);
        Assert.Single(_world.To("chat-li"));
        Assert.Single(_world.To("chat-han"));
        Assert.All(_world.Store.Opportunities, o => Assert.NotNull(o.LastNudgedAt));
    }

    [Fact]
    public async Task RunAsync_SweptAgainTheSameDay_NoSecondNudge()
    {
        _world.DealDue(_world.Li, SchedulingWorld.Start, SchedulingWorld.Start.AddHours(1));
        var first = SchedulingWorld.Start.AddHours(2);

        await _world.SweepAt(first);
        var again = await _world.SweepAt(first.AddMinutes(15));
        await _world.SweepAt(first.AddHours(6));
        await _world.SweepAt(first.AddDays(1));

        Assert.Equal(0, again.NudgesQueued);
        Assert.Equal([first, first.AddDays(1)], _world.To("chat-li").Select(m => m.CreatedAt));
    }

    [Fact]
    public async Task RunAsync_StalledDeal_NudgedPastItsSlaAndEscalatedOncePastTwiceIt()
    {
        var deal = _world.Deal(_world.Li, SchedulingWorld.Start); // lead, SLA 14 days, no next step

        var atSla = await _world.SweepAt(SchedulingWorld.Start.AddDays(14));
        var pastSla = await _world.SweepAt(SchedulingWorld.Start.AddDays(15));
        var atTwice = await _world.SweepAt(SchedulingWorld.Start.AddDays(28));
        var pastTwice = await _world.SweepAt(SchedulingWorld.Start.AddDays(29));
        var later = await _world.SweepAt(SchedulingWorld.Start.AddDays(30));

        Assert.Equal((0, 0), (atSla.NudgesQueued, atSla.Escalations));
        Assert.Equal((1, 0), (pastSla.NudgesQueued, pastSla.Escalations));
        Assert.Equal((1, 0), (atTwice.NudgesQueued, atTwice.Escalations));
        Assert.Equal((1, 1), (pastTwice.NudgesQueued, pastTwice.Escalations));
        Assert.Equal((1, 0), (later.NudgesQueued, later.Escalations));
        var escalation = Assert.Single(_world.To("chat-wang"));
        Assert.Equal(SchedulingWorld.Start.AddDays(29), escalation.CreatedAt);
        Assert.Equal("en", escalation.Reply.Locale);
        Assert.Equal(Messages.DealLabel(deal), Assert.Single(escalation.Reply.Cards).Title);
        Assert.Contains("29 days in Lead (limit 14 days)", escalation.Reply.Cards[0].Text, StringComparison.Ordinal);
        Assert.True(deal.FlaggedForReview);
        Assert.Equal(SchedulingWorld.Start.AddDays(29), deal.EscalatedAt);
    }

    [Fact]
    public async Task RunAsync_RepWithoutAddress_SkippedAndNotMarked()
    {
        var world = new SchedulingWorld();
        var nobody = new SalesRep("Zhao", Role.Rep, "east", "zh-CN", SchedulingWorld.Start);
        world.Store.Seed(nobody);
        var deal = world.DealDue(nobody, SchedulingWorld.Start, SchedulingWorld.Start.AddHours(1));

        var result = await world.SweepAt(SchedulingWorld.Start.AddHours(2));

        Assert.Equal(1, result.Skipped);
        Assert.Equal(0, result.NudgesQueued);
        Assert.Null(deal.LastNudgedAt);
        Assert.Empty(world.Store.Outbox);
    }

    [Fact]
    public async Task RunAsync_AutoReleaseOn_InactiveDealGoesToThePoolAndTheOwnerIsTold()
    {
        var world = new SchedulingWorld(scheduling: new SchedulingSettings { AutoReleaseToPool = true });
        var deal = world.Deal(world.Li, SchedulingWorld.Start);
        var now = SchedulingWorld.Start.AddDays(world.Settings.PoolAfterInactiveDays + 4); // a Tuesday, in working hours

        var result = await world.SweepAt(now);

        Assert.Equal(1, result.ReleasedToPool);
        Assert.True(deal.InPool);
        var message = Assert.Single(world.To("chat-li"));
        Assert.Contains(message.Reply.Cards, c => c.Sections.Any(s => s.Lines.Contains(Messages.DealLabel(deal))));
    }

    [Fact]
    public async Task RunAsync_AutoReleaseOff_InactiveDealStaysWithItsOwner()
    {
        var deal = _world.Deal(_world.Li, SchedulingWorld.Start);

        var result = await _world.SweepAt(SchedulingWorld.Start.AddDays(_world.Settings.PoolAfterInactiveDays + 4));

        Assert.Equal(0, result.ReleasedToPool);
        Assert.False(deal.InPool);
    }

    [Fact]
    public async Task RunAsync_ClosedAndPooledDeals_Ignored()
    {
        var won = _world.DealDue(_world.Li, SchedulingWorld.Start, SchedulingWorld.Start.AddHours(1));
        Assert.IsType<StageMove.Moved>(won.MoveTo("won", _world.Li, _world.Settings, _world.Manager.Id, SchedulingWorld.Start.AddHours(1)));
        var pooled = _world.DealDue(_world.Li, SchedulingWorld.Start, SchedulingWorld.Start.AddHours(1));
        Assert.Null(pooled.ReleaseToPool(_world.Li, SchedulingWorld.Start.AddHours(1)));

        var result = await _world.SweepAt(SchedulingWorld.Start.AddDays(40));

        Assert.Equal(1, result.DealsScanned); // the pooled one is open; the won one is not read at all
        Assert.Empty(_world.Store.Outbox);
    }

    private static int Number(CardAction action) => int.Parse(action.Data["n"], System.Globalization.CultureInfo.InvariantCulture);
}
