using Microsoft.EntityFrameworkCore;
using OppBot.Adapters.Persistence;
using OppBot.Domain;
using OppBot.Domain.Approvals;
using OppBot.Domain.Audit;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Scoring;

namespace OppBot.Bot.Tests.Persistence;

/// <summary>The store against SQLite in memory, on the schema the committed SQL creates.</summary>
public sealed class SqliteEfOppBotStoreTests(SqliteDatabase database) : EfOppBotStoreTests(database), IClassFixture<SqliteDatabase>;

/// <summary>The same tests against PostgreSQL (OPPBOT_TEST_PG).</summary>
public sealed class PostgresEfOppBotStoreTests(PostgresDatabase database) : EfOppBotStoreTests(database), IClassFixture<PostgresDatabase>, IPostgresTests;

/// <summary>
/// <see cref="EfOppBotStore"/> on a real database. Tests share the class's database, so each works in a team of its
/// own, with numbers from the store's counter and dedupe keys of its own.
/// </summary>
public abstract partial class EfOppBotStoreTests(StoreDatabase database) : IDisposable
{
    // Whole seconds: PostgreSQL keeps microseconds, SQLite every tick.
    protected static readonly DateTimeOffset Now = new(2025, 3, 3, 2, 0, 0, TimeSpan.Zero);

    private readonly List<OppBotDbContext> _contexts = [];

    protected StoreDatabase Database => database;

    public void Dispose()
    {
        foreach (var context in _contexts)
        {
            context.Dispose();
        }
    }

    [StoreFact]
    public async Task GetOpportunityAsync_FullyChangedDeal_RoundTripsEveryProperty()
    {
        var team = NewTeamId();
        var owner = Rep(team, "Owner");
        var helper = Rep(team, "Helper");
        var manager = Rep(team, "Manager", Role.Manager);
        var (store, _) = Open();
        var deal = Opportunity.Create(
            new LeadDraft
            {
                Account = "上海云帆科技有限公司",
                Title = "CRM 一期",
                Amount = 1_234_567.89m,
                Currency = "USD",
                Source = LeadSource.Referral,
                ContactName = "王芳",
                ContactEmail = "wang.fang@yunfan.cn",
                ContactPhone = "+86 138 0013 8000",
                DecisionMaker = "CIO",
                NextStep = "demo",
                NextStepDue = Now.AddDays(2),
                Scorecard = new Scorecard(7, 8, 6, 9) { Budget = true, Need = true },
            },
            owner,
            await store.NextOpportunityNumberAsync(default),
            DomainSettings.Default,
            Now,
            out _)!;
        Assert.Null(deal.Join(helper, Now.AddMinutes(1)));
        Assert.Null(deal.LogFollowUp(owner, "首次拜访", Now.AddMinutes(2)));
        Assert.Null(deal.LogFollowUp(helper, "second call", Now.AddMinutes(3)));
        Assert.IsType<StageMove.Moved>(deal.MoveTo("qualified", owner, DomainSettings.Default, manager.Id, Now.AddMinutes(4)));
        Assert.Empty(deal.Update(owner, new OpportunityPatch { QuotedAmount = 1_100_000.5m, DiscountPercent = 12.345m }, DomainSettings.Default, Now.AddMinutes(5)));
        Assert.Null(deal.Snooze(owner, Now.AddDays(3), Now.AddMinutes(6)));
        Assert.Null(deal.Pause(owner, Now.AddDays(30), "budget cycle", Now.AddMinutes(7)));
        deal.MarkNudged(Now.AddMinutes(8));
        deal.MarkEscalated(Now.AddMinutes(9));
        Assert.Null(deal.Lose(owner, "other", "went quiet", DomainSettings.Default, Now.AddMinutes(10)));
        Assert.Null(deal.Reopen(manager, DomainSettings.Default, Now.AddMinutes(11)));
        store.Add(deal);
        await store.SaveChangesAsync(default);

        var loaded = await Open().Store.GetOpportunityAsync(deal.Number, default);

        StateAssert.Same(deal, loaded, nameof(Opportunity.PendingEvents), nameof(Opportunity.PendingAudit));
        Assert.Equal(["lead", "qualified", "lost", "qualified"], loaded!.StageHistory.Select(h => h.To)); // in order
        Assert.Equal([helper.Id], loaded.Collaborators);
    }

    [StoreFact]
    public async Task GetOpportunityAsync_ById_FindsTheSameDeal()
    {
        var owner = Rep(NewTeamId());
        var deal = await SaveNewDealAsync(owner);

        var loaded = await Open().Store.GetOpportunityAsync(deal.Id, default);

        Assert.Equal(deal.Number, loaded!.Number);
    }

    [StoreFact]
    public async Task GetUserAsync_RepWithIdentitiesAddressesAndHours_RoundTrips()
    {
        var rep = Rep(NewTeamId(), "李雷");
        rep.LinkIdentity(new ChannelIdentity("teams", "aad-" + Guid.NewGuid()));
        rep.LinkIdentity(new ChannelIdentity("wecom", "LiLei" + Guid.NewGuid().ToString("N")[..6]));
        rep.RememberAddress(new ConversationAddress("teams", """{"serviceUrl":"https://smba.trafficmanager.net/apac/","conversation":"a:1"}"""));
        rep.RememberAddress(new ConversationAddress("wecom", "LiLei"));
        rep.SetWorkingHours(new WorkingHours(new TimeOnly(8, 30), new TimeOnly(17, 45), [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Saturday]));
        Assert.True(rep.SetTimeZone("Asia/Tokyo"));
        rep.ChooseLocale("en");
        rep.Assign(Role.Manager, rep.TeamId);
        await SaveAsync(rep);

        var loaded = await Open().Store.GetUserAsync(rep.Id, default);

        StateAssert.Same(rep, loaded, nameof(SalesRep.TimeZone));
        Assert.Equal(rep.TimeZone.Id, loaded!.TimeZone.Id);
    }

    [StoreFact]
    public async Task FindUserAsync_ByChannelIdentity_FindsOnlyThatPerson()
    {
        var team = NewTeamId();
        var a = Rep(team, "A");
        var b = Rep(team, "B");
        var id = "u" + Guid.NewGuid().ToString("N");
        a.LinkIdentity(new ChannelIdentity("wecom", id));
        b.LinkIdentity(new ChannelIdentity("teams", id)); // same external id on another channel is another person
        await SaveAsync(a, b);

        var (store, _) = Open();

        Assert.Equal(a.Id, (await store.FindUserAsync(new ChannelIdentity("wecom", id), default))!.Id);
        Assert.Equal(b.Id, (await store.FindUserAsync(new ChannelIdentity("teams", id), default))!.Id);
        Assert.Null(await store.FindUserAsync(new ChannelIdentity("wecom", id + "x"), default));
    }

    [StoreFact]
    public async Task SaveChangesAsync_IdentityReplacedOnSameChannel_KeepsOneIdentityPerChannel()
    {
        var rep = Rep(NewTeamId());
        var old = new ChannelIdentity("teams", "old-" + Guid.NewGuid());
        rep.LinkIdentity(old);
        await SaveAsync(rep);
        var (store, _) = Open();
        var loaded = (await store.GetUserAsync(rep.Id, default))!;

        var replacement = new ChannelIdentity("teams", "new-" + Guid.NewGuid());
        loaded.LinkIdentity(replacement);
        await store.SaveChangesAsync(default);

        var reloaded = (await Open().Store.GetUserAsync(rep.Id, default))!;
        Assert.Equal([replacement], reloaded.Identities);
        Assert.Null(await Open().Store.FindUserAsync(old, default));
    }

    [StoreFact]
    public async Task ListUsersAsync_Team_ListsThatTeamByName()
    {
        var team = NewTeamId();
        await SaveAsync(Rep(team, "Zhou"), Rep(team, "An"), Rep(NewTeamId(), "Other"));

        var users = await Open().Store.ListUsersAsync(team, default);

        Assert.Equal(["An", "Zhou"], users.Select(u => u.DisplayName));
    }

    [StoreFact]
    public async Task GetTeamAsync_WithAndWithoutBroadcast_RoundTrips()
    {
        var subscribed = new Team(NewTeamId(), "华东");
        subscribed.SetManager(Guid.NewGuid());
        subscribed.Subscribe(new ConversationAddress("wecom", "robot:east"));
        subscribed.Configure("华东区", "Asia/Shanghai", 1_234_567.8912m);
        var bare = new Team(NewTeamId(), "West");
        await SaveAsync(subscribed, bare);

        var (store, _) = Open();

        StateAssert.Same(subscribed, await store.GetTeamAsync(subscribed.Id, default));
        StateAssert.Same(bare, await store.GetTeamAsync(bare.Id, default));
        Assert.Null((await store.GetTeamAsync(bare.Id, default))!.BroadcastAddress);
        Assert.Contains((await store.ListTeamsAsync(default)).Select(t => t.Id), id => id == bare.Id);
    }

    [StoreFact]
    public async Task GetApprovalAsync_Decided_RoundTrips()
    {
        var requester = Rep(NewTeamId(), "Rep");
        var approver = Rep(requester.TeamId, "Boss", Role.Manager);
        var approval = new Approval(Guid.NewGuid(), 7, requester.Id, approver.Id, "proposal", "negotiation", 2_000_000m, "CNY", ApprovalReason.Amount, Now);
        approval.AttachCard(Guid.NewGuid());
        Assert.IsType<ApprovalDecision.Decided>(approval.Decide(approver, approve: true, "ok, 去谈", Now.AddHours(1)));
        await SaveAsync(approval);

        StateAssert.Same(approval, await Open().Store.GetApprovalAsync(approval.Id, default));
    }

    [StoreFact]
    public async Task GetPendingApprovalAsync_OneDecidedOnePending_ReturnsThePending()
    {
        var requester = Rep(NewTeamId(), "Rep");
        var approver = Rep(requester.TeamId, "Boss", Role.Manager);
        var dealId = Guid.NewGuid();
        var decided = new Approval(dealId, 8, requester.Id, approver.Id, "proposal", "negotiation", 1m, "CNY", ApprovalReason.Discount, Now);
        decided.Decide(approver, approve: false, null, Now.AddMinutes(1));
        var pending = new Approval(dealId, 8, requester.Id, approver.Id, "proposal", "negotiation", 1m, "CNY", ApprovalReason.Discount, Now.AddMinutes(2));
        await SaveAsync(decided, pending);

        var found = await Open().Store.GetPendingApprovalAsync(dealId, default);

        Assert.Equal(pending.Id, found!.Id);
        Assert.Null(await Open().Store.GetPendingApprovalAsync(Guid.NewGuid(), default));
    }

    [StoreFact]
    public async Task GetDialogAsync_AdvancedDialog_RoundTripsValues()
    {
        var dialog = new DialogState("teams:" + Guid.NewGuid(), Guid.NewGuid(), "lead", new Dictionary<string, string> { ["account"] = "云帆" }, Now.AddHours(1));
        await SaveAsync(dialog);
        var (store, _) = Open();
        var loaded = (await store.GetDialogAsync(dialog.Key, default))!;

        loaded.Advance(2, new Dictionary<string, string> { ["account"] = "云帆", ["amount"] = "50万", ["quote\"d"] = "a\nb" }, Now.AddHours(2));
        await store.SaveChangesAsync(default);

        StateAssert.Same(loaded, await Open().Store.GetDialogAsync(dialog.Key, default));
    }

    [StoreFact]
    public async Task SaveChangesAsync_ValueChangedInPlace_IsSaved()
    {
        var dialog = new DialogState("teams:" + Guid.NewGuid(), Guid.NewGuid(), "lead", new Dictionary<string, string>(), Now.AddHours(1));
        await SaveAsync(dialog);
        var (store, _) = Open();
        var loaded = (await store.GetDialogAsync(dialog.Key, default))!;

        loaded.Values["title"] = "CRM"; // Values is a mutable dictionary: the comparer must see the change
        await store.SaveChangesAsync(default);

        Assert.Equal("CRM", (await Open().Store.GetDialogAsync(dialog.Key, default))!.Values["title"]);
    }

    [StoreFact]
    public async Task Remove_Dialog_IsGoneAfterSave()
    {
        var dialog = new DialogState("wecom:" + Guid.NewGuid(), Guid.NewGuid(), "lead", new Dictionary<string, string>(), Now.AddHours(1));
        await SaveAsync(dialog);
        var (store, _) = Open();

        store.Remove((await store.GetDialogAsync(dialog.Key, default))!);
        await store.SaveChangesAsync(default);

        Assert.Null(await Open().Store.GetDialogAsync(dialog.Key, default));
    }

    [StoreFact]
    public async Task GetOutgoingAsync_RichReply_RoundTripsTheWholeGraph()
    {
        var reply = new Reply
        {
            Text = "**#42** 已更新\n第二行",
            Locale = "zh-CN",
            Cards =
            [
                new Card
                {
                    Title = "#42 CRM 一期",
                    Subtitle = "线索 ▸ 需求确认",
                    Text = "note",
                    Facts = [new CardFact("金额", "¥123.46万")],
                    Sections = [new CardSection("Funnel", ["a", "b"]) { Facts = [new CardFact("x", "y")] }],
                    Bars = [new CardBar("Lead", 0.5, "5")],
                    Inputs =
                    [
                        new CardInput("stage", "Stage", InputType.Choice)
                        {
                            Required = true,
                            Choices = [new InputChoice("lead", "线索")],
                            Value = "lead",
                            Error = "pick one",
                            Placeholder = "…",
                            MaxLength = 20,
                            Min = 0,
                            Max = 1.5,
                        },
                    ],
                    Actions =
                    [
                        new CardAction("Approve", "approve")
                        {
                            Data = new Dictionary<string, string> { ["number"] = "42" },
                            Style = ActionStyle.Positive,
                            SubmitsInputs = true,
                        },
                    ],
                    Error = "oops",
                    ActionsVisibleTo = ["u1"],
                    RefreshVerb = "approval:1",
                    RefreshData = new Dictionary<string, string> { ["id"] = "1" },
                },
            ],
        };
        var earlier = Guid.NewGuid();
        var message = new OutgoingMessage(new ConversationAddress("teams", "conv-" + Guid.NewGuid()), reply, MessagePurpose.ApprovalRequest, Now)
            .Replacing(earlier)
            .NotBefore(Now.AddHours(8));
        var (store, _) = Open();
        store.Enqueue(message);
        await store.SaveChangesAsync(default);

        StateAssert.Same(message, await Open().Store.GetOutgoingAsync(message.Id, default));
    }

    [StoreFact]
    public async Task SaveChangesAsync_NewDeal_WritesEventAndAuditRowsAndClearsPending()
    {
        var owner = Rep(NewTeamId());
        var (store, db) = Open();
        var deal = Opportunity.Create(new LeadDraft { Account = "Acme", Title = "t", Amount = 10m }, owner, await store.NextOpportunityNumberAsync(default), DomainSettings.Default, Now, out _)!;
        var events = deal.PendingEvents.ToList();
        var audit = deal.PendingAudit.ToList();
        store.Add(deal);

        await store.SaveChangesAsync(default);

        Assert.Empty(deal.PendingEvents);
        Assert.Empty(deal.PendingAudit);
        StateAssert.Same(events, await Open().Store.ListEventsAsync(owner.TeamId, Now, default));
        StateAssert.Same(audit, await Open().Db.AuditEntries.Where(a => a.OpportunityId == deal.Id).ToListAsync());
    }

    [StoreFact]
    public async Task SaveChangesAsync_ChangeToLoadedDeal_WritesItsEventsOnce()
    {
        var owner = Rep(NewTeamId());
        var deal = await SaveNewDealAsync(owner);
        var (store, _) = Open();
        var loaded = (await store.GetOpportunityAsync(deal.Id, default))!;
        loaded.LogFollowUp(owner, "call", Now.AddHours(1));
        await store.SaveChangesAsync(default);

        loaded.LogFollowUp(owner, "visit", Now.AddHours(2));
        await store.SaveChangesAsync(default); // a second save in the same unit adds only the new events

        var types = (await Open().Store.ListEventsAsync(owner.TeamId, Now, default)).Select(e => e.Type);
        Assert.Equal([EventType.Created, EventType.FollowUpLogged, EventType.FollowUpLogged], types);
    }

    [StoreFact]
    public async Task ListEventsAsync_Since_ReturnsLaterEventsOfTheTeamOldestFirst()
    {
        var owner = Rep(NewTeamId());
        var other = Rep(NewTeamId());
        var deal = await SaveNewDealAsync(owner);
        await SaveNewDealAsync(other);
        var (store, _) = Open();
        var loaded = (await store.GetOpportunityAsync(deal.Id, default))!;
        loaded.LogFollowUp(owner, "call", Now.AddDays(1));
        loaded.SetNextStep(owner, "demo", Now.AddDays(3), Now.AddDays(1)); // same moment as the follow-up
        await store.SaveChangesAsync(default);

        var events = await Open().Store.ListEventsAsync(owner.TeamId, new DateTimeOffset(2025, 3, 4, 9, 0, 0, TimeSpan.FromHours(8)), default);

        Assert.Equal([EventType.FollowUpLogged, EventType.NextStepSet], events.Select(e => e.Type)); // raised order kept for equal times
        Assert.Equal("call", events[0].Data["note"]);
    }

    [StoreFact]
    public async Task WasProcessedAsync_AfterSave_IsTrue()
    {
        var key = "teams:" + Guid.NewGuid();
        var (store, _) = Open();
        store.MarkProcessed(key, Now);

        Assert.False(await Open().Store.WasProcessedAsync(key, default));
        await store.SaveChangesAsync(default);
        Assert.True(await Open().Store.WasProcessedAsync(key, default));
    }

    [StoreFact]
    public async Task FindDuplicateCandidatesAsync_AccountEmailDomainOrPhone_FindsOpenDealsOnly()
    {
        var owner = Rep(NewTeamId());
        var unique = Guid.NewGuid().ToString("N")[..8];
        var byAccount = await SaveNewDealAsync(owner, new LeadDraft { Account = $"云帆{unique}科技有限公司", Title = "a", Amount = 1m });
        var byDomain = await SaveNewDealAsync(owner, new LeadDraft { Account = "X" + unique, Title = "b", Amount = 1m, ContactEmail = $"a@{unique}.cn" });
        var phone = "+86 139 " + string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('0' + (b % 10))));
        var byPhone = await SaveNewDealAsync(owner, new LeadDraft { Account = "Y" + unique, Title = "c", Amount = 1m, ContactPhone = phone });
        var lost = await SaveNewDealAsync(owner, new LeadDraft { Account = $"云帆{unique}", Title = "d", Amount = 1m });
        var (store, _) = Open();
        (await store.GetOpportunityAsync(lost.Id, default))!.Lose(owner, "price", null, DomainSettings.Default, Now);
        await store.SaveChangesAsync(default);

        var found = await Open().Store.FindDuplicateCandidatesAsync(byAccount.NormalizedAccount, $"{unique}.cn", byPhone.NormalizedPhone, default);

        Assert.Equal([byAccount.Number, byDomain.Number, byPhone.Number], found.Select(o => o.Number));
        Assert.Equal([byAccount.Number], (await Open().Store.FindDuplicateCandidatesAsync(byAccount.NormalizedAccount, null, null, default)).Select(o => o.Number));
    }

    [StoreFact]
    public async Task Amounts_InSql_CompareAndSumExactly()
    {
        var owner = Rep(NewTeamId());
        await SaveNewDealAsync(owner, new LeadDraft { Account = "a", Title = "a", Amount = 9.5m });
        await SaveNewDealAsync(owner, new LeadDraft { Account = "b", Title = "b", Amount = 10m }); // as text "10" < "9.5"
        await SaveNewDealAsync(owner, new LeadDraft { Account = "c", Title = "c", Amount = 0.1m });
        var db = Open().Db;
        var team = db.Opportunities.Where(o => o.TeamId == owner.TeamId);

        var above = await team.Where(o => o.Amount > 9.9m).Select(o => o.Amount).ToListAsync();
        var sum = await team.SumAsync(o => o.Amount);
        var largest = await team.OrderByDescending(o => o.Amount).Select(o => o.Amount).FirstAsync();

        Assert.Equal([10m], above);
        Assert.Equal(19.6m, sum); // 0.1 + 9.5 + 10 with no binary rounding
        Assert.Equal(10m, largest);
    }

    [StoreFact]
    public async Task NextOpportunityNumberAsync_Twice_Increments()
    {
        var (store, _) = Open();

        var first = await store.NextOpportunityNumberAsync(default);
        var second = await store.NextOpportunityNumberAsync(default);

        Assert.Equal(first + 1, second);
    }

    protected static string NewTeamId() => "t-" + Guid.NewGuid().ToString("N")[..10];

    protected static SalesRep Rep(string team, string name = "Rep", Role role = Role.Rep) => new(name, role, team, "zh-CN", Now);

    /// <summary>A store on a context of its own (disposed with the test).</summary>
    protected (EfOppBotStore Store, OppBotDbContext Db) Open(bool parallel = false)
    {
        var db = (parallel ? database.ParallelFactory : database.Factory).CreateDbContext();
        _contexts.Add(db);
        return (new EfOppBotStore(db), db);
    }

    /// <summary>Adds and saves in one unit of work.</summary>
    protected async Task SaveAsync(params object[] items)
    {
        var (store, _) = Open();
        foreach (var item in items)
        {
            switch (item)
            {
                case SalesRep user: store.Add(user); break;
                case Team team: store.Add(team); break;
                case Opportunity deal: store.Add(deal); break;
                case Approval approval: store.Add(approval); break;
                case DialogState dialog: store.Add(dialog); break;
                case OutgoingMessage message: store.Enqueue(message); break;
                default: throw new ArgumentException(item.GetType().Name);
            }
        }

        await store.SaveChangesAsync(default);
    }

    /// <summary>Creates and saves a deal owned by <paramref name="owner"/>, numbered by the store.</summary>
    protected async Task<Opportunity> SaveNewDealAsync(SalesRep owner, LeadDraft? draft = null, DateTimeOffset? at = null)
    {
        var (store, _) = Open();
        var deal = Opportunity.Create(
            draft ?? new LeadDraft { Account = "Acme " + Guid.NewGuid().ToString("N")[..6], Title = "Deal", Amount = 100m },
            owner,
            await store.NextOpportunityNumberAsync(default),
            DomainSettings.Default,
            at ?? Now,
            out var problems);
        Assert.Empty(problems);
        store.Add(deal!);
        await store.SaveChangesAsync(default);
        return deal!;
    }
}
