using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OppBot.Domain;
using OppBot.Domain.Approvals;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.People;

namespace OppBot.Bot.Tests.Persistence;

public abstract partial class EfOppBotStoreTests
{
    [StoreFact]
    public async Task SaveChangesAsync_SameDealChangedInTwoUnits_SecondThrowsConflictAndSavesNothing()
    {
        var owner = Rep(NewTeamId());
        var deal = await SaveNewDealAsync(owner);
        var (first, _) = Open();
        var (second, _) = Open();
        var mine = (await first.GetOpportunityAsync(deal.Id, default))!;
        var theirs = (await second.GetOpportunityAsync(deal.Id, default))!;
        mine.LogFollowUp(owner, "first", Now.AddHours(1));
        await first.SaveChangesAsync(default);

        theirs.LogFollowUp(owner, "second", Now.AddHours(2));
        var key = "teams:" + Guid.NewGuid();
        second.MarkProcessed(key, Now);
        var reply = new OutgoingMessage(new ConversationAddress("teams", "c"), Reply.FromText("ok", "en"), MessagePurpose.Reply, Now);
        second.Enqueue(reply);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.SaveChangesAsync(default));
        var (check, _) = Open();
        Assert.Equal(["first"], (await check.GetOpportunityAsync(deal.Id, default))!.FollowUps.Select(f => f.Note));
        Assert.False(await check.WasProcessedAsync(key, default));
        Assert.Null(await check.GetOutgoingAsync(reply.Id, default));
        Assert.Equal(2, (await check.ListEventsAsync(owner.TeamId, Now, default)).Count); // created + the first follow-up
        Assert.NotEmpty(theirs.PendingEvents); // kept: nothing of them was saved
    }

    [StoreFact]
    public async Task DiscardChanges_AfterConflict_NextSaveCommitsOnlyNewWork()
    {
        var owner = Rep(NewTeamId());
        var deal = await SaveNewDealAsync(owner);
        var (first, _) = Open();
        var (second, _) = Open();
        var mine = (await first.GetOpportunityAsync(deal.Id, default))!;
        var theirs = (await second.GetOpportunityAsync(deal.Id, default))!;
        mine.LogFollowUp(owner, "first", Now.AddHours(1));
        await first.SaveChangesAsync(default);
        theirs.LogFollowUp(owner, "second", Now.AddHours(2));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.SaveChangesAsync(default));

        second.DiscardChanges();
        var key = "teams:" + Guid.NewGuid();
        second.MarkProcessed(key, Now);
        await second.SaveChangesAsync(default);

        var (check, _) = Open();
        Assert.True(await check.WasProcessedAsync(key, default));
        Assert.Equal(["first"], (await check.GetOpportunityAsync(deal.Id, default))!.FollowUps.Select(f => f.Note));
    }

    [StoreFact]
    public async Task SaveChangesAsync_SameApprovalDecidedInTwoUnits_SecondThrowsConflict()
    {
        var requester = Rep(NewTeamId());
        var approver = Rep(requester.TeamId, "Boss", Role.Manager);
        var approval = new Approval(Guid.NewGuid(), 1, requester.Id, approver.Id, "proposal", "negotiation", 1m, "CNY", ApprovalReason.Amount, Now);
        await SaveAsync(approval);
        var (first, _) = Open();
        var (second, _) = Open();
        var a = (await first.GetApprovalAsync(approval.Id, default))!;
        var b = (await second.GetApprovalAsync(approval.Id, default))!;

        a.Decide(approver, approve: true, null, Now);
        b.Decide(approver, approve: false, null, Now);
        await first.SaveChangesAsync(default);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.SaveChangesAsync(default));
        Assert.Equal(ApprovalStatus.Approved, (await Open().Store.GetApprovalAsync(approval.Id, default))!.Status);
    }

    [StoreFact]
    public async Task SaveChangesAsync_SameDialogAdvancedInTwoUnits_SecondThrowsConflict()
    {
        var dialog = new DialogState("teams:" + Guid.NewGuid(), Guid.NewGuid(), "lead", new Dictionary<string, string>(), Now.AddHours(1));
        await SaveAsync(dialog);
        var (first, _) = Open();
        var (second, _) = Open();
        var a = (await first.GetDialogAsync(dialog.Key, default))!;
        var b = (await second.GetDialogAsync(dialog.Key, default))!;

        a.Advance(1, new Dictionary<string, string> { ["a"] = "1" }, Now.AddHours(2));
        b.Advance(1, new Dictionary<string, string> { ["b"] = "2" }, Now.AddHours(2));
        await first.SaveChangesAsync(default);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.SaveChangesAsync(default));
    }

    [StoreFact]
    public async Task SaveChangesAsync_SameDialogStartedInTwoUnits_SecondThrowsConflict()
    {
        var key = "teams:" + Guid.NewGuid();
        var (first, _) = Open();
        var (second, _) = Open();
        first.Add(new DialogState(key, Guid.NewGuid(), "lead", new Dictionary<string, string>(), Now));
        second.Add(new DialogState(key, Guid.NewGuid(), "lead", new Dictionary<string, string>(), Now));
        await first.SaveChangesAsync(default);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.SaveChangesAsync(default));
    }

    [StoreFact]
    public async Task SaveChangesAsync_SameIdentityCreatedInTwoUnits_SecondThrowsConflict()
    {
        var identity = new ChannelIdentity("wecom", "new-" + Guid.NewGuid());
        var a = Rep(NewTeamId(), "A");
        var b = Rep(a.TeamId, "A");
        a.LinkIdentity(identity);
        b.LinkIdentity(identity); // two first messages of a new user handled at once
        var (first, _) = Open();
        var (second, _) = Open();
        first.Add(a);
        second.Add(b);
        await first.SaveChangesAsync(default);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.SaveChangesAsync(default));
        Assert.Null(await Open().Store.GetUserAsync(b.Id, default));
    }

    [StoreFact]
    public async Task SaveChangesAsync_DedupeKeyMarkedInTwoUnits_SecondThrowsDuplicateAndSavesNothing()
    {
        var key = "wecom:" + Guid.NewGuid();
        var (first, _) = Open();
        var (second, _) = Open();
        first.MarkProcessed(key, Now);
        second.MarkProcessed(key, Now);
        var team = new Team(NewTeamId(), "created by the second handler");
        second.Add(team);
        await first.SaveChangesAsync(default);

        await Assert.ThrowsAsync<DuplicateMessageException>(() => second.SaveChangesAsync(default));
        Assert.Null(await Open().Store.GetTeamAsync(team.Id, default));
    }

    [StoreFact]
    public async Task SaveChangesAsync_DedupeKeyMarkedTwiceInOneUnit_ThrowsDuplicate()
    {
        var key = "teams:" + Guid.NewGuid();
        var (store, _) = Open();
        store.MarkProcessed(key, Now);
        store.MarkProcessed(key, Now);

        await Assert.ThrowsAsync<DuplicateMessageException>(() => store.SaveChangesAsync(default));
        Assert.False(await Open().Store.WasProcessedAsync(key, default));
    }

    [StoreFact]
    public async Task NextOpportunityNumberAsync_ManyAtOnce_NeverHandsOutANumberTwice()
    {
        var numbers = new ConcurrentBag<int>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await using var db = await Database.ParallelFactory.CreateDbContextAsync();
                numbers.Add(await new Adapters.Persistence.EfOppBotStore(db).NextOpportunityNumberAsync(default));
            }
        })));

        Assert.Equal(200, numbers.Distinct().Count());
    }
}
