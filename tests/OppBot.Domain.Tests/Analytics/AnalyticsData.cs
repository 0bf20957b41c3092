using OppBot.Domain.Analytics;
using OppBot.Domain.Approvals;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;

namespace OppBot.Domain.Tests.Analytics;

/// <summary>
/// The fixed data set every analytics figure is checked against. Team "east" in Shanghai (UTC+8, no daylight saving),
/// reps Li Lei (target ¥600,000 a month) and Han Mei (¥400,000), manager Wang Fang; the team's target is ¥1,000,000.
/// Now is Wednesday 25 Nov 2026 10:00 Shanghai, so this month is 1–30 Nov and this quarter 1 Oct–31 Dec; the week is
/// 18 Nov 10:00 – 25 Nov 10:00. Every event happens at 10:00 Shanghai, so durations are whole days.
///
/// The pipeline is the default one (lead 14 days 10 %, qualified 21 days 25 %, proposal 21 days 50 %, negotiation
/// 30 days 75 %) without exit criteria or approvals, so deals move by the public API alone; a deal is stalled only by
/// its stage SLA (no-follow-up rule: a year).
///
/// | #  | owner | amount    | source   | history (2026, Shanghai)                                        | now                            |
/// |----|-------|-----------|----------|-----------------------------------------------------------------|--------------------------------|
/// | 1  | Li    | 200,000   | Expo     | lead 1 Oct → qualified 11 Oct → proposal 21 Oct → negotiation 1 Nov → won 11 Nov | won                |
/// | 2  | Li    | 300,000   | Referral | lead 15 Oct → qualified 20 Oct → proposal 4 Nov → won 20 Nov (skips negotiation)  | won                |
/// | 3  | Han   | 100,000   | Expo     | lead 2 Nov → qualified 9 Nov → lost 23 Nov (price)              | lost                           |
/// | 4  | Han   | 500,000   | Website  | lead 20 Sep → qualified 5 Oct → proposal 25 Oct                 | open, 31 days in proposal: stalled |
/// | 5  | Li    | 400,000   | Referral | lead 10 Nov → qualified 19 Nov; next step due 28 Nov (set 21 Nov) | open                         |
/// | 6  | Han   | 1,000,000 | Expo     | lead 20 Nov; next step due 10 Jan 2027                          | open                           |
/// | 7  | Li    | 50,000    | Other    | lead 1 Aug → lost 20 Aug (no_budget)                            | lost                           |
/// | 8  | Li    | 80,000    | Website  | lead 18 Nov; next step due 20 Nov (set 18 Nov)                  | open, next step overdue        |
///
/// Follow-ups: Li on #1 5 Oct, on #5 12 Nov and 21 Nov, on #8 19 Nov; Han on #4 3 Nov and 24 Nov.
/// </summary>
internal sealed class AnalyticsData
{
    public static readonly TimeZoneInfo Shanghai = TimeZones.FindOrDefault("Asia/Shanghai");

    public AnalyticsData()
    {
        Settings = new DomainSettings
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
            StallAfterDaysWithoutFollowUp = 365,
        };
        Li = new SalesRep("Li Lei", Role.Rep, "east", "zh-CN", At(2026, 1, 1));
        Han = new SalesRep("Han Mei", Role.Rep, "east", "en", At(2026, 1, 1));
        Wang = new SalesRep("Wang Fang", Role.Manager, "east", "zh-CN", At(2026, 1, 1));
        Targets = new SalesTargets(1_000_000m, new Dictionary<Guid, decimal> { [Li.Id] = 600_000m, [Han.Id] = 400_000m });

        var d1 = Deal(1, Li, 200_000m, LeadSource.Expo, At(2026, 10, 1));
        Log(d1, Li, At(2026, 10, 5));
        Move(d1, Li, "qualified", At(2026, 10, 11));
        Move(d1, Li, "proposal", At(2026, 10, 21));
        Move(d1, Li, "negotiation", At(2026, 11, 1));
        Move(d1, Li, PipelineDefinition.WonCode, At(2026, 11, 11));

        var d2 = Deal(2, Li, 300_000m, LeadSource.Referral, At(2026, 10, 15));
        Move(d2, Li, "qualified", At(2026, 10, 20));
        Move(d2, Li, "proposal", At(2026, 11, 4));
        Move(d2, Li, PipelineDefinition.WonCode, At(2026, 11, 20));

        var d3 = Deal(3, Han, 100_000m, LeadSource.Expo, At(2026, 11, 2));
        Move(d3, Han, "qualified", At(2026, 11, 9));
        Assert.Null(d3.Lose(Han, "price", null, Settings, At(2026, 11, 23)));

        var d4 = Deal(4, Han, 500_000m, LeadSource.Website, At(2026, 9, 20));
        Move(d4, Han, "qualified", At(2026, 10, 5));
        Move(d4, Han, "proposal", At(2026, 10, 25));
        Log(d4, Han, At(2026, 11, 3));
        Log(d4, Han, At(2026, 11, 24));

        var d5 = Deal(5, Li, 400_000m, LeadSource.Referral, At(2026, 11, 10));
        Log(d5, Li, At(2026, 11, 12));
        Move(d5, Li, "qualified", At(2026, 11, 19));
        Log(d5, Li, At(2026, 11, 21));
        Assert.Null(d5.SetNextStep(Li, "Demo for the CFO", At(2026, 11, 28), At(2026, 11, 21)));

        var d6 = Deal(6, Han, 1_000_000m, LeadSource.Expo, At(2026, 11, 20));
        Assert.Null(d6.SetNextStep(Han, "Site visit", At(2027, 1, 10), At(2026, 11, 20)));

        var d7 = Deal(7, Li, 50_000m, LeadSource.Other, At(2026, 8, 1));
        Assert.Null(d7.Lose(Li, "no_budget", null, Settings, At(2026, 8, 20)));

        var d8 = Deal(8, Li, 80_000m, LeadSource.Website, At(2026, 11, 18));
        Assert.Null(d8.SetNextStep(Li, "Send the brochure", At(2026, 11, 20), At(2026, 11, 18)));
        Log(d8, Li, At(2026, 11, 19));

        Deals = [d1, d2, d3, d4, d5, d6, d7, d8];
    }

    /// <summary>Wednesday 25 Nov 2026 10:00 in Shanghai.</summary>
    public static DateTimeOffset Now { get; } = At(2026, 11, 25);

    /// <summary>18 Nov 10:00 – 25 Nov 10:00 Shanghai.</summary>
    public static ReportPeriod Week { get; } = ReportPeriod.WeekBefore(Now);

    public DomainSettings Settings { get; }

    public SalesRep Li { get; }

    public SalesRep Han { get; }

    public SalesRep Wang { get; }

    public IReadOnlyList<SalesRep> People => [Li, Han, Wang];

    public SalesTargets Targets { get; }

    public IReadOnlyList<Opportunity> Deals { get; }

    public Opportunity Number(int number) => Deals.Single(o => o.Number == number);

    /// <summary>10:00 Shanghai on that day.</summary>
    public static DateTimeOffset At(int year, int month, int day) =>
        new DateTimeOffset(year, month, day, 10, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private Opportunity Deal(int number, SalesRep owner, decimal amount, LeadSource source, DateTimeOffset at)
    {
        var draft = TestData.Draft($"客户{number}有限公司", amount) with { Source = source };
        var deal = Opportunity.Create(draft, owner, number, Settings, at, out var problems);
        Assert.Empty(problems);
        return deal!;
    }

    private void Move(Opportunity deal, SalesRep actor, string to, DateTimeOffset at) =>
        Assert.IsType<StageMove.Moved>(deal.MoveTo(to, actor, Settings, null, at));

    private static void Log(Opportunity deal, SalesRep actor, DateTimeOffset at) =>
        Assert.Null(deal.LogFollowUp(actor, "called the customer", at));
}
