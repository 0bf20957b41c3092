using OppBot.Domain.Approvals;
using OppBot.Domain.Conversations;
using OppBot.Domain.Pipeline;
using OppBot.Domain.Tests.Analytics;
using static OppBot.Domain.Tests.Conversations.ConversationHarness;

namespace OppBot.Domain.Tests.Conversations;

/// <summary>
/// <c>report</c> / <c>报表</c> and the analytics on the <c>pipeline</c> card, driven through chat. The pipeline has no
/// exit criteria or approvals, so deals move by chat commands alone; the east team's target is ¥1,000,000 a month.
/// Now is Wednesday 25 Nov 2026 10:00 Shanghai; the week is 18 Nov 10:00 – 25 Nov 10:00.
///
/// | #  | owner  | amount    | source   | what happened (2026, 10:00 Shanghai)                  |
/// |----|--------|-----------|----------|-------------------------------------------------------|
/// | 1  | rep-li | 500,000   | Expo     | created 15 Nov → qualified 22 Nov → won 23 Nov        |
/// | 2  | rep-han| 200,000   | Website  | created 20 Nov → lost 24 Nov (price)                  |
/// | 3  | rep-li | 1,000,000 | Referral | created 24 Nov, open in lead, no next step            |
/// </summary>
public class ReportTests
{
    private readonly ConversationHarness _h = new(new DomainSettings
    {
        Pipeline = PipelineDefinition.TryCreate(
            [
                new("lead", "线索", "Lead", [], 14, 0.10m),
                new("qualified", "需求确认", "Qualified", [], 21, 0.25m),
                new("proposal", "方案报价", "Proposal", [], 21, 0.50m),
                new("negotiation", "商务谈判", "Negotiation", [], 30, 0.75m),
            ],
            out _)!,
        Approvals = new ApprovalPolicy { Stages = [] },
    });

    [Theory]
    [InlineData("report")] // English
    [InlineData("报表")] // Chinese
    [InlineData("周报")] // "weekly report"
    [InlineData("ＲＥＰＯＲＴ")] // full-width, upper case
    public void Parse_ReportWords_AreTheReportCommand(string text)
    {
        Assert.IsType<ChatCommand.Report>(ChatCommandParser.Parse(text, null));
    }

    [Fact]
    public async Task Report_English_WeekFactsForecastAgainstTargetAndRepLines()
    {
        await ArrangeAsync();

        var card = ConversationHarness.Card(await _h.Say(Boss, "report", "en"));

        Assert.Equal("📊 Weekly report · 18 Nov 2026 – 25 Nov 2026", card.Title);
        Assert.Equal("Team: East", card.Subtitle);
        Assert.Equal(
            [
                "New deals: 2 · ¥1,200,000", // #2 and #3; #1 was created before the week
                "Advanced: 1 · ¥500,000", // #1 lead → qualified
                "Won: 1 · ¥500,000", // #1
                "Lost: 1 · ¥200,000", // #2
                "This month: forecast vs target: ¥500,000 of ¥1,000,000 target (50%)", // #3 is expected in February: nothing weighted
                "Stalled deals: 0",
            ],
            card.Facts.Select(f => f.Label + ": " + f.Value));
        Assert.Equal(
            [("Won this month", 0.5, "¥500,000"), ("Projected (won + weighted)", 0.5, "¥500,000"), ("Monthly target", 1.0, "¥1,000,000")],
            card.Bars.Select(b => (b.Label, b.Fraction, b.ValueText)));
        Assert.Equal(
            [
                "rep-han: 1 new · 0 advanced · 0 won (¥0) · 1 lost · 0 follow-ups · 0 open (¥0 weighted) · 0 overdue",
                "rep-li: 1 new · 1 advanced · 1 won (¥500,000) · 0 lost · 0 follow-ups · 1 open (¥100,000 weighted) · 0 overdue",
            ],
            card.Sections.Single(s => s.Title == "By rep this week").Lines);
    }

    [Fact]
    public async Task Report_Chinese_SameFiguresInChineseMoney()
    {
        await ArrangeAsync();

        var card = ConversationHarness.Card(await _h.Say(Boss, "报表"));

        Assert.Equal("📊 周报 · 2026年11月18日 – 2026年11月25日", card.Title);
        Assert.Contains(new CardFact("新增商机", "2 个 · ¥120万"), card.Facts);
        Assert.Contains(new CardFact("本月预测 vs 目标", "¥50万 / 目标 ¥100万（50%）"), card.Facts);
        Assert.Contains("rep-li：新增 1 · 推进 1 · 赢单 1（¥50万）· 输单 0 · 跟进 0 次 · 在途 1（加权 ¥10万）· 逾期 0", card.Sections.Single(s => s.Title == "各人本周").Lines);
    }

    [Fact]
    public async Task Report_Leaderboard_BarsOfWonAmountAndTheTeamAgainstItsTarget()
    {
        await ArrangeAsync();

        var result = await _h.Say(Boss, "report", "en");

        var board = result.Replies.SelectMany(r => r.Cards).Single(c => c.Title.StartsWith("🏆", StringComparison.Ordinal));
        Assert.Equal("🏆 Leaderboard · November 2026", board.Title);
        Assert.Equal(
            [("rep-li", 1.0, "¥500,000 (no target)"), ("rep-han", 0.0, "¥0 (no target)"), ("Team", 0.5, "¥500,000 of ¥1,000,000 (50%)")],
            board.Bars.Select(b => (b.Label, b.Fraction, b.ValueText)));
        Assert.Equal(
            ["rep-li: win rate 100% · 0 follow-ups · 0 overdue", "rep-han: win rate 0% · 0 follow-ups · 0 overdue", "Team: win rate 50% · 0 follow-ups · 0 overdue"],
            board.Sections.Single().Lines);
    }

    [Fact]
    public async Task Report_RepOfAnotherTeam_SeesNoneOfTheseDeals()
    {
        await ArrangeAsync();

        var card = ConversationHarness.Card(await _h.Say(Stranger, "report", "en"));

        Assert.Equal("Team: West", card.Subtitle);
        Assert.Contains(new CardFact("New deals", "0 · ¥0"), card.Facts);
        Assert.Contains(new CardFact("This month: forecast vs target", "¥0 (no target set)"), card.Facts);
    }

    [Fact]
    public async Task Pipeline_Manager_ShowsForecastDaysPerStageLossReasonsAndSources()
    {
        await ArrangeAsync();

        var card = ConversationHarness.Card(await _h.Say(Boss, "pipeline", "en"));

        Assert.Contains(new CardFact("Weighted forecast, this month", "¥0 (0 deals expected to close)"), card.Facts);
        Assert.Contains(new CardFact("Weighted forecast, this quarter", "¥0 (0 deals expected to close)"), card.Facts); // #3: 24 Nov + 86 days is next year
        var days = card.Sections.Single(s => s.Title == "Days per stage (average / median)").Lines;
        Assert.Contains("Lead: 5.5 / 5.5 days (2 stays)", days); // #1 15 → 22 Nov 7 days, #2 20 → 24 Nov 4 days (then lost)
        Assert.Contains("Qualified: 1 / 1 days (1 stays)", days); // #1 22 → 23 Nov
        Assert.Contains("Won cycle: 8 / 8 days (1 stays)", days);
        Assert.Equal(["Price: 1 (100%) · ¥200,000"], card.Sections.Single(s => s.Title == "Loss reasons").Lines);
        Assert.Equal("Expo / trade show: 1 deals · 1 won (100% converted) · ¥500,000 won", card.Sections.Single(s => s.Title == "Lead source quality").Lines[0]);
    }

    // Creates the three deals by chat at their times, then sets the clock to now and the team's target.
    private async Task ArrangeAsync()
    {
        await At(15, Rep, "lead 华为 ERP升级 50万 来源=展会");
        await At(20, Rep2, "lead 腾讯 云迁移 20万 来源=官网");
        await At(22, Rep, "advance #1");
        await At(23, Rep, "won #1");
        await At(24, Rep2, "lost #2 价格");
        await At(24, Rep, "lead 阿里 数据平台 100万 来源=客户推荐");
        await At(25, Boss, "help");
        await At(25, Stranger, "help");
        _h.Store.Teams.Single(t => t.Id == "east").Configure("East", "Asia/Shanghai", 1_000_000m);
        Assert.Equal(3, _h.Store.Opportunities.Count);
    }

    private Task At(int day, string user, string text)
    {
        _h.Clock.SetUtcNow(AnalyticsData.At(2026, 11, day));
        return _h.Say(user, text);
    }
}
