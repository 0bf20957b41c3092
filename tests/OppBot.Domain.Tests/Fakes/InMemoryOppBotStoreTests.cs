using OppBot.Domain.Audit;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain.Tests.Fakes;

public sealed class InMemoryOppBotStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 2, 0, 0, TimeSpan.Zero);

    private static SalesRep Rep(string name = "Li Lei", string team = "east") => new(name, Role.Rep, team, "zh-CN", Now);

    private static Opportunity Deal(SalesRep owner, int number, string account = "上海云帆科技有限公司") =>
        Opportunity.Create(
            new LeadDraft { Account = account, Title = "CRM rollout", Amount = 500_000m },
            owner,
            number,
            DomainSettings.Default,
            Now,
            out _)!;

    [Fact]
    public async Task Add_BeforeSave_IsNotVisibleToQueries()
    {
        var sut = new InMemoryOppBotStore();
        var rep = Rep();

        sut.Add(rep);

        Assert.Null(await sut.GetUserAsync(rep.Id, default));
        Assert.Empty(await sut.ListUsersAsync(null, default));
    }

    [Fact]
    public async Task SaveChangesAsync_AfterAdd_ReturnsTheSameInstance()
    {
        var sut = new InMemoryOppBotStore();
        var rep = Rep();
        rep.LinkIdentity(new ChannelIdentity("teams", "aad-1"));
        sut.Add(rep);

        await sut.SaveChangesAsync(default);

        Assert.Same(rep, await sut.GetUserAsync(rep.Id, default));
        Assert.Same(rep, await sut.FindUserAsync(new ChannelIdentity("teams", "aad-1"), default));
        Assert.Equal(1, sut.SaveCount);
    }

    [Fact]
    public async Task SaveChangesAsync_NewDeal_MovesPendingEventsAndAuditAndClearsThem()
    {
        var sut = new InMemoryOppBotStore();
        var deal = Deal(Rep(), 1);
        sut.Add(deal);

        await sut.SaveChangesAsync(default);

        Assert.Equal(EventType.Created, Assert.Single(sut.Events).Type);
        Assert.Equal("created", Assert.Single(sut.AuditEntries).Field);
        Assert.Empty(deal.PendingEvents); // ClearPending was called
        Assert.Empty(deal.PendingAudit);
    }

    [Fact]
    public async Task SaveChangesAsync_ChangeToLoadedDeal_CollectsItsNewEvents()
    {
        var sut = new InMemoryOppBotStore();
        var owner = Rep();
        sut.Seed(owner, Deal(owner, 7));
        var loaded = (await sut.GetOpportunityAsync(7, default))!;

        loaded.LogFollowUp(owner, "called the CIO", Now.AddHours(1));
        await sut.SaveChangesAsync(default);

        Assert.Equal([EventType.Created, EventType.FollowUpLogged], sut.Events.Select(e => e.Type));
    }

    [Fact]
    public async Task SaveChangesAsync_KeyAlreadyProcessed_ThrowsAndCommitsNothing()
    {
        var sut = new InMemoryOppBotStore();
        sut.MarkProcessed("teams:1", Now);
        await sut.SaveChangesAsync(default);
        var rep = Rep();

        sut.Add(rep);
        sut.MarkProcessed("teams:1", Now);
        sut.Enqueue(new OutgoingMessage(new ConversationAddress("teams", "c1"), Reply.FromText("hi", "en"), MessagePurpose.Reply, Now));

        await Assert.ThrowsAsync<DuplicateMessageException>(() => sut.SaveChangesAsync(default));
        Assert.Null(await sut.GetUserAsync(rep.Id, default));
        Assert.Empty(sut.Outbox);
        Assert.Equal(1, sut.SaveCount);
    }

    [Fact]
    public async Task SaveChangesAsync_SameKeyTwiceInOneUnit_ThrowsDuplicate()
    {
        var sut = new InMemoryOppBotStore();
        sut.MarkProcessed("wecom:9", Now);
        sut.MarkProcessed("wecom:9", Now); // two handlers of one message in the same unit is the same race

        await Assert.ThrowsAsync<DuplicateMessageException>(() => sut.SaveChangesAsync(default));
        Assert.False(await sut.WasProcessedAsync("wecom:9", default));
    }

    [Fact]
    public async Task WasProcessedAsync_AfterSave_IsTrue()
    {
        var sut = new InMemoryOppBotStore();
        sut.MarkProcessed("teams:2", Now);

        Assert.False(await sut.WasProcessedAsync("teams:2", default)); // not before the save
        await sut.SaveChangesAsync(default);
        Assert.True(await sut.WasProcessedAsync("teams:2", default));
        Assert.Equal(["teams:2"], sut.ProcessedKeys);
    }

    [Fact]
    public async Task Enqueue_AfterSave_IsInOutboxAndFoundById()
    {
        var sut = new InMemoryOppBotStore();
        var message = new OutgoingMessage(new ConversationAddress("wecom", "u1"), Reply.FromText("你好", "zh-CN"), MessagePurpose.Nudge, Now);

        sut.Enqueue(message);
        Assert.Empty(sut.Outbox);
        await sut.SaveChangesAsync(default);

        Assert.Same(message, Assert.Single(sut.Outbox));
        Assert.Same(message, await sut.GetOutgoingAsync(message.Id, default));
    }

    [Fact]
    public async Task FailNextSave_Conflict_ThrowsOnceAndCommitsNothing()
    {
        var sut = new InMemoryOppBotStore();
        var team = new Team("east", "East");
        sut.Add(team);
        sut.FailNextSave(new ConcurrencyConflictException());

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => sut.SaveChangesAsync(default));
        Assert.Null(await sut.GetTeamAsync("east", default));
        Assert.Equal(0, sut.SaveCount);

        await sut.SaveChangesAsync(default); // the unit stayed pending, as in EF's change tracker
        Assert.Same(team, await sut.GetTeamAsync("east", default));
    }

    [Fact]
    public async Task FindOpportunitiesAsync_Filter_AppliesTheDomainFilter()
    {
        var sut = new InMemoryOppBotStore();
        var east = Rep("A", "east");
        var west = Rep("B", "west");
        var collaborator = Rep("C", "west");
        var shared = Deal(west, 2);
        Assert.Null(shared.Join(collaborator, Now)); // a collaborator, not the owner, is "involved" in it
        sut.Seed(east, west, collaborator, Deal(east, 1), shared, Deal(west, 3));

        var byTeam = await sut.FindOpportunitiesAsync(new OpportunityFilter { TeamId = "west" }, default);
        var involving = await sut.FindOpportunitiesAsync(new OpportunityFilter { InvolvingId = collaborator.Id }, default);

        Assert.Equal([2, 3], byTeam.Select(o => o.Number));
        Assert.Equal([2], involving.Select(o => o.Number));
    }

    [Fact]
    public async Task FindDuplicateCandidatesAsync_SameNormalizedAccount_FindsOpenDealsOnly()
    {
        var sut = new InMemoryOppBotStore();
        var owner = Rep();
        var open = Deal(owner, 1, "上海云帆科技有限公司");
        var lost = Deal(owner, 2, "上海云帆科技有限公司");
        lost.Lose(owner, DomainSettings.Default.LossReasons[0].Code, "gone", DomainSettings.Default, Now);
        sut.Seed(owner, open, lost, Deal(owner, 3, "北京星辰"));

        var found = await sut.FindDuplicateCandidatesAsync(open.NormalizedAccount, null, null, default);

        Assert.Equal([1], found.Select(o => o.Number));
    }

    [Fact]
    public async Task NextOpportunityNumberAsync_AfterSeededDeal_ContinuesAfterIt()
    {
        var sut = new InMemoryOppBotStore();
        var owner = Rep();
        sut.Seed(owner, Deal(owner, 41));

        Assert.Equal(42, await sut.NextOpportunityNumberAsync(default));
        Assert.Equal(43, await sut.NextOpportunityNumberAsync(default));
    }

    [Fact]
    public async Task Remove_SavedDialog_IsGoneAfterSave()
    {
        var sut = new InMemoryOppBotStore();
        var dialog = new DialogState("teams:u1", Guid.NewGuid(), "lead", new Dictionary<string, string>(), Now.AddHours(1));
        sut.Seed(dialog);

        sut.Remove(dialog);
        Assert.Same(dialog, await sut.GetDialogAsync("teams:u1", default)); // still there until the save
        await sut.SaveChangesAsync(default);

        Assert.Null(await sut.GetDialogAsync("teams:u1", default));
    }

    [Fact]
    public async Task ListEventsAsync_TeamAndSince_FiltersOldestFirst()
    {
        var sut = new InMemoryOppBotStore();
        var east = Rep("A", "east");
        var west = Rep("B", "west");
        var deal = Deal(east, 1);
        sut.Seed(east, west, deal, Deal(west, 2));
        deal.LogFollowUp(east, "visit", Now.AddDays(1));
        await sut.SaveChangesAsync(default);

        var events = await sut.ListEventsAsync("east", Now.AddHours(1), default);

        Assert.Equal(EventType.FollowUpLogged, Assert.Single(events).Type);
        Assert.Equal(2, (await sut.ListEventsAsync("east", Now, default)).Count);
    }

    [Fact]
    public async Task DiscardChanges_AfterFailedSave_NextSaveCommitsOnlyNewWork()
    {
        var sut = new InMemoryOppBotStore();
        var owner = Rep();
        var deal = Deal(owner, 1);
        sut.Seed(owner, deal);
        deal.LogFollowUp(owner, "visit", Now.AddHours(1));
        sut.MarkProcessed("teams:5", Now);
        sut.Enqueue(new OutgoingMessage(new ConversationAddress("teams", "c1"), Reply.FromText("done", "en"), MessagePurpose.Reply, Now));
        sut.FailNextSave(new ConcurrencyConflictException());
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => sut.SaveChangesAsync(default));

        sut.DiscardChanges();
        var apology = new OutgoingMessage(new ConversationAddress("teams", "c1"), Reply.FromText("try again", "en"), MessagePurpose.Reply, Now);
        sut.Enqueue(apology);
        await sut.SaveChangesAsync(default);

        Assert.Same(apology, Assert.Single(sut.Outbox));
        Assert.Empty(sut.ProcessedKeys);
        Assert.Equal(EventType.Created, Assert.Single(sut.Events).Type); // the follow-up's event was discarded
    }
}
