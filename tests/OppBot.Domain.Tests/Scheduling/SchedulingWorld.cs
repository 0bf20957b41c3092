using OppBot.Domain.Approvals;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;
using OppBot.Domain.Scheduling;
using OppBot.Domain.Tests.Fakes;

namespace OppBot.Domain.Tests.Scheduling;

/// <summary>
/// Team "east" in Shanghai: a manager and two reps, each reachable on channel "test" (the rep "chat-li", ...).
/// The pipeline has no exit criteria and no approvals, so deals can be put in any stage directly; the stall rule
/// on follow-ups is a year unless a test changes it, so only the stage SLA (lead: 14 days) makes a deal stalled.
/// </summary>
internal sealed class SchedulingWorld
{
    public static readonly TimeZoneInfo Shanghai = TimeZones.FindOrDefault("Asia/Shanghai");

    private int _number;

    public SchedulingWorld(DomainSettings? settings = null, SchedulingSettings? scheduling = null)
    {
        Settings = settings ?? new DomainSettings
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
        Scheduling = scheduling ?? SchedulingSettings.Default;
        Team = new Team("east", "East");
        Team.Configure("East", "Asia/Shanghai", null);
        Manager = Person("Wang Fang", Role.Manager, "chat-wang", "en");
        Li = Person("Li Lei", Role.Rep, "chat-li", "zh-CN");
        Han = Person("Han Mei", Role.Rep, "chat-han", "en");
        Team.SetManager(Manager.Id);
        Team.Subscribe(new ConversationAddress("test", "channel-east"));
        Store.Seed(Team, Manager, Li, Han);
    }

    /// <summary>Wednesday 25 Nov 2026, 10:00 in Shanghai.</summary>
    public static DateTimeOffset Start => TestData.Now;

    public InMemoryOppBotStore Store { get; } = new();

    public DomainSettings Settings { get; }

    public SchedulingSettings Scheduling { get; }

    public Team Team { get; }

    public SalesRep Manager { get; }

    public SalesRep Li { get; }

    public SalesRep Han { get; }

    /// <summary>A moment given as Shanghai wall time.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    public FollowUpSweep Sweep() => new(Store, Settings, Scheduling);

    public WeeklyReview Review() => new(Store, Settings, Scheduling);

    /// <summary>A deal of <paramref name="owner"/> (in the owner's team) created at <paramref name="at"/>, committed to the store.</summary>
    public Opportunity Deal(SalesRep owner, DateTimeOffset at, decimal amount = 100_000m)
    {
        var number = ++_number;
        var deal = Opportunity.Create(TestData.Draft($"客户{number}有限公司", amount), owner, number, Settings, at, out var problems)!;
        Assert.Empty(problems);
        Store.Seed(deal);
        return deal;
    }

    /// <summary>A deal with a next step due at <paramref name="due"/>.</summary>
    public Opportunity DealDue(SalesRep owner, DateTimeOffset createdAt, DateTimeOffset due, string step = "给客户打电话")
    {
        var deal = Deal(owner, createdAt);
        Assert.Null(deal.SetNextStep(owner, step, due, createdAt));
        return deal;
    }

    /// <summary>Messages queued for a conversation key (e.g. "chat-li"), oldest first.</summary>
    public IReadOnlyList<OutgoingMessage> To(string key) => Store.Outbox.Where(m => m.Address.Key == key).ToList();

    /// <summary>Runs the sweep at <paramref name="at"/>.</summary>
    public Task<SweepResult> SweepAt(DateTimeOffset at) => Sweep().RunAsync(at, CancellationToken.None);

    /// <summary>Runs the sweep every 15 minutes from <paramref name="from"/> to <paramref name="to"/> (both included).</summary>
    public async Task SweepEvery15Minutes(DateTimeOffset from, DateTimeOffset to)
    {
        for (var at = from; at <= to; at = at.AddMinutes(15))
        {
            await SweepAt(at);
        }
    }

    private SalesRep Person(string name, Role role, string chat, string locale)
    {
        var person = new SalesRep(name, role, "east", locale, Start.AddDays(-60));
        person.RememberAddress(new ConversationAddress("test", chat));
        return person;
    }
}
