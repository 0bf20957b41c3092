using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Scheduling;

namespace OppBot.Domain.Tests.Scheduling;

public class WeeklyReviewTests
{
    // Monday 30 Nov 2026, 09:00 in Shanghai: the default review time of ISO week 2026-W49.
    private static readonly DateTimeOffset ReviewTime = SchedulingWorld.Local(2026, 11, 30, 9);

    private readonly SchedulingWorld _world = new();

    [Fact]
    public async Task BuildForTeamAsync_FixedWeek_CountsAndAmounts()
    {
        var deals = SeedWeek();

        var review = await _world.Review().BuildForTeamAsync("east", ReviewTime, CancellationToken.None);

        Assert.NotNull(review);
        Assert.Equal(ReviewTime.AddDays(-7), review.From);
        Assert.Equal([2, 4, 6], review.NewDeals.Select(o => o.Number));
        Assert.Equal(750_000m, review.NewDeals.Sum(o => o.Amount));
        Assert.Equal([3], review.Won.Select(o => o.Number));
        Assert.Equal([4], review.Lost.Select(o => o.Number));
        Assert.Equal([1, 2, 6], review.Open.Select(o => o.Number));
        Assert.Equal(500_000m, review.Weighted); // 1,000,000 × 10% + 200,000 × 50% + 400,000 × 75%
        Assert.Equal([1], review.AtRisk.Select(o => o.Number)); // 19 days in lead, SLA 14
        Assert.Equal([6, 1, 2], review.Top.Select(o => o.Number)); // 300,000; then 100,000 twice, by number
        Assert.Equal(["Han Mei", "Li Lei"], review.Reps.Select(r => review.Names[r.RepId]));
        var han = review.Reps[0];
        Assert.Equal([6], han.Open.Select(o => o.Number));
        Assert.Equal(300_000m, han.Weighted);
        Assert.Equal([3], han.Won.Select(o => o.Number));
        Assert.Equal(0, han.AtRisk);
        var li = review.Reps[1];
        Assert.Equal([1, 2], li.Open.Select(o => o.Number));
        Assert.Equal(200_000m, li.Weighted);
        Assert.Empty(li.Won);
        Assert.Equal(1, li.AtRisk);
        Assert.DoesNotContain(review.Open, o => o.Id == deals.West.Id);
    }

    [Fact]
    public async Task Summary_English_ShowsTheNumbers()
    {
        SeedWeek();
        var review = (await _world.Review().BuildForTeamAsync("east", ReviewTime, CancellationToken.None))!;

        var card = ReviewCards.Summary(review, Locales.English, SchedulingWorld.Shanghai);

        string Money(decimal amount) => Messages.Money(Locales.English, amount, "CNY");
        Assert.Equal(
            [
                ("New deals", $"3 · {Money(750_000m)}"),
                ("Won", $"1 · {Money(300_000m)}"),
                ("Lost", $"1 · {Money(150_000m)}"),
                ("Open pipeline", $"3 · {Money(1_600_000m)} ({Money(500_000m)} weighted)"),
            ],
            card.Facts.Select(f => (f.Label, f.Value)));
        Assert.StartsWith("📊 East weekly review", card.Title, StringComparison.Ordinal);
        var lost = Assert.Single(card.Sections, s => s.Title == "Lost this week");
        Assert.Contains("Price", Assert.Single(lost.Lines), StringComparison.Ordinal);
        var top = Assert.Single(card.Sections, s => s.Title == "Top 5 by weighted amount");
        Assert.StartsWith("1. #6 ", top.Lines[0], StringComparison.Ordinal);
        Assert.Contains($"{Money(300_000m)} weighted (Negotiation)", top.Lines[0], StringComparison.Ordinal);
        var risk = Assert.Single(card.Sections, s => s.Title == "Stalled / at risk (1)");
        Assert.Contains("19 days in stage (limit 14)", Assert.Single(risk.Lines), StringComparison.Ordinal);
        var steps = Assert.Single(card.Sections, s => s.Title == "Next steps by rep");
        Assert.Contains(steps.Lines, l => l.StartsWith("Han Mei: #6 发合同", StringComparison.Ordinal));
        Assert.Contains(steps.Lines, l => l == "Li Lei: no next steps planned");
    }

    [Fact]
    public async Task RunDueAsync_AtTheReviewTime_PostsBroadcastRepCardsAndRollup()
    {
        SeedWeek();

        var result = await _world.Review().RunDueAsync(ReviewTime, CancellationToken.None);

        Assert.Equal(new ReviewRunResult(2, 2, 4), result); // west has nobody to tell, but its week is done too
        Assert.All(_world.Store.Outbox, m => Assert.Equal(MessagePurpose.Review, m.Purpose));
        var broadcast = Assert.Single(_world.To("channel-east"));
        Assert.Equal("en", broadcast.Reply.Locale); // the manager's language
        var li = Assert.Single(_world.To("chat-li"));
        Assert.Equal("zh-CN", li.Reply.Locale);
        Assert.Equal([1, 2], li.Reply.Cards.Select(c => int.Parse(c.Actions[0].Data["n"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(
            [Verbs.Advance, Verbs.Next, Verbs.Snooze, Verbs.Lost],
            li.Reply.Cards[0].Actions.Select(a => a.Verb));
        var rollup = Assert.Single(_world.To("chat-wang"));
        Assert.Equal(2, rollup.Reply.Cards.Count);
        Assert.Equal(["Han Mei", "Li Lei"], rollup.Reply.Cards[1].Bars.Select(b => b.Label));
        Assert.Equal([1.0, 200_000.0 / 300_000.0], rollup.Reply.Cards[1].Bars.Select(b => Math.Round(b.Fraction, 6)).ToArray(), new Precision6());
        Assert.Contains("review:east:2026-W49", _world.Store.ProcessedKeys);
    }

    [Fact]
    public async Task RunDueAsync_AgainInTheSameWeek_NotPostedTwice()
    {
        SeedWeek();
        var sut = _world.Review();

        var before = await sut.RunDueAsync(ReviewTime.AddHours(-1), CancellationToken.None);
        var first = await sut.RunDueAsync(ReviewTime, CancellationToken.None);
        var hourLater = await sut.RunDueAsync(ReviewTime.AddHours(1), CancellationToken.None);
        var sunday = await sut.RunDueAsync(SchedulingWorld.Local(2026, 12, 6, 23), CancellationToken.None);
        var nextWeek = await sut.RunDueAsync(ReviewTime.AddDays(7), CancellationToken.None);

        Assert.Equal([0, 2, 0, 0, 2], new[] { before, first, hourLater, sunday, nextWeek }.Select(r => r.Posted)); // east and west
        Assert.Equal(2, _world.To("channel-east").Count);
    }

    [Fact]
    public async Task RunDueAsync_DownOnMonday_PostsWhenBackLaterThatWeek()
    {
        SeedWeek();

        var result = await _world.Review().RunDueAsync(SchedulingWorld.Local(2026, 12, 2, 15), CancellationToken.None);

        Assert.Equal(2, result.Posted);
        Assert.Contains("review:east:2026-W49", _world.Store.ProcessedKeys);
    }

    [Fact]
    public async Task RunDueAsync_AnotherInstancePostedMeanwhile_DropsItsOwnMessages()
    {
        SeedWeek();
        _world.Store.FailNextSave(new DuplicateMessageException());

        var result = await _world.Review().RunDueAsync(ReviewTime, CancellationToken.None);
        await _world.Store.SaveChangesAsync(CancellationToken.None); // a later save must not carry the dropped messages

        Assert.Equal(1, result.Posted); // west, saved after east was dropped
        Assert.Empty(_world.Store.Outbox);
        Assert.DoesNotContain("review:east:2026-W49", _world.Store.ProcessedKeys);
    }

    [Fact]
    public async Task RunDueAsync_ConfiguredDayAndTimeInTheTeamsZone()
    {
        var world = new SchedulingWorld(scheduling: SchedulingSettings.TryCreate(false, "Friday", "17:30", out _));

        var early = await world.Review().RunDueAsync(SchedulingWorld.Local(2026, 12, 4, 17, 29), CancellationToken.None);
        var due = await world.Review().RunDueAsync(SchedulingWorld.Local(2026, 12, 4, 17, 30), CancellationToken.None);

        Assert.Equal((0, 1), (early.Posted, due.Posted));
    }

    [Fact]
    public async Task BuildForTeamAsync_UnknownTeam_Null() =>
        Assert.Null(await _world.Review().BuildForTeamAsync("nowhere", ReviewTime, CancellationToken.None));

    [Theory]
    [InlineData("2026-11-30T01:00:00Z", "review:east:2026-W49")] // Monday 09:00 Shanghai
    [InlineData("2026-11-29T20:00:00Z", "review:east:2026-W49")] // Sunday 20:00 UTC is already Monday in Shanghai
    [InlineData("2027-01-01T04:00:00Z", "review:east:2026-W53")] // New Year's Day 2027 belongs to ISO week 53 of 2026
    public void Key_IsoWeekInTheTeamsZone(string utc, string key) =>
        Assert.Equal(key, ReviewSchedule.Key("east", DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), SchedulingWorld.Shanghai));

    [Theory]
    [InlineData(null, null, true)] // defaults
    [InlineData("friday", "17:30", true)] // names are case-insensitive
    [InlineData("Funday", null, false)] // not a day
    [InlineData("3", null, false)] // numbers are refused: is 3 Wednesday or Thursday?
    [InlineData(null, "25:00", false)] // not a time
    public void SchedulingSettings_TryCreate_ChecksDayAndTime(string? day, string? time, bool ok)
    {
        var settings = SchedulingSettings.TryCreate(false, day, time, out var problems);

        Assert.Equal(ok, settings is not null);
        Assert.Equal(ok, problems.Count == 0);
        Assert.All(problems, p => Assert.Matches("^Review:(Day|Time) ", p));
    }

    // Fixed data: team east (Li Lei and Han Mei), one deal of team west, for the week before Monday 30 Nov 09:00.
    private (Opportunity West, IReadOnlyList<Opportunity> East) SeedWeek()
    {
        var s = _world.Settings;
        var li = _world.Li;
        var han = _world.Han;
        DateTimeOffset At(int month, int day, int hour = 10) => SchedulingWorld.Local(2026, month, day, hour);

        var d1 = _world.Deal(li, At(11, 10), 1_000_000m); // open in lead since 10 Nov: stalled
        var d2 = _world.Deal(li, At(11, 27), 200_000m); // new, proposal
        Assert.IsType<StageMove.Moved>(d2.MoveTo("proposal", li, s, _world.Manager.Id, At(11, 27, 11)));
        var d3 = _world.Deal(han, At(11, 20), 300_000m); // won this week
        Assert.IsType<StageMove.Moved>(d3.MoveTo("won", han, s, _world.Manager.Id, At(11, 28)));
        var d4 = _world.Deal(han, At(11, 28), 150_000m); // new and lost this week
        Assert.Null(d4.Lose(han, "price", null, s, At(11, 29)));
        var d5 = _world.Deal(han, At(10, 31), 80_000m); // lost the week before: not in this review
        Assert.Null(d5.Lose(han, "competitor", null, s, At(11, 20)));
        var d6 = _world.Deal(han, At(11, 25), 400_000m); // new, negotiation, next step planned
        Assert.IsType<StageMove.Moved>(d6.MoveTo("negotiation", han, s, _world.Manager.Id, At(11, 26)));
        Assert.Null(d6.SetNextStep(han, "发合同", At(12, 2), At(11, 26)));

        var zhao = new SalesRep("Zhao", Role.Rep, "west", "zh-CN", At(11, 1));
        var west = new Team("west", "West");
        _world.Store.Seed(zhao, west);
        var d7 = _world.Deal(zhao, At(11, 27), 999_000m);
        return (d7, [d1, d2, d3, d4, d5, d6]);
    }

    private sealed class Precision6 : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-6;

        public int GetHashCode(double obj) => 0;
    }
}
