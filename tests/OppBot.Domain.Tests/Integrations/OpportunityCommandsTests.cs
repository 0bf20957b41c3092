using OppBot.Domain.Approvals;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Integrations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;
using OppBot.Domain.Scoring;
using OppBot.Domain.Tests.Fakes;

namespace OppBot.Domain.Tests.Integrations;

/// <summary>
/// What an integration's requests do, with the default pipeline and approval policy (proposal, negotiation and won
/// need the manager's approval from ¥1,000,000). Team "east" has manager Wang (reachable in "chat-wang") and rep Li,
/// and its broadcasts go to "channel-east"; the key "erp" acts as a Rep of east, "oa" as a Rep of west.
/// </summary>
public class OpportunityCommandsTests
{
    private readonly InMemoryOppBotStore _store = new();
    private readonly SalesRep _manager = TestData.Manager();
    private readonly SalesRep _li = TestData.Rep();
    private readonly SalesRep _erp;
    private readonly SalesRep _oa;
    private readonly Team _east = new("east", "East");

    public OpportunityCommandsTests()
    {
        var admin = TestData.Rep("Admin", role: Role.Admin);
        _erp = Assert.IsType<ApiKeyIssue.Issued>(ApiKey.Issue("erp", Role.Rep, "east", admin, TestData.Now)).ActsAs;
        _oa = Assert.IsType<ApiKeyIssue.Issued>(ApiKey.Issue("oa", Role.Rep, "west", admin, TestData.Now)).ActsAs;
        _manager.RememberAddress(new ConversationAddress("test", "chat-wang"));
        _east.SetManager(_manager.Id);
        _east.Subscribe(new ConversationAddress("test", "channel-east"));
        _store.Seed(_east, _manager, _li, _erp, _oa);
    }

    private OpportunityCommands Sut() => new(_store, DomainSettings.Default);

    private static LeadDraft Qualifiable(string account = "华为技术有限公司", decimal amount = 2_000_000m) =>
        TestData.Draft(account, amount) with { ContactName = "Zhang San", Scorecard = new Scorecard(8, 9, 7, 8) { Need = true } };

    private async Task<Opportunity> CreatedAsync(LeadDraft draft, SalesRep? by = null) =>
        Assert.IsType<CommandOutcome.Created>(await Sut().CreateAsync(by ?? _erp, draft, force: false, TestData.Now, default)).Deal;

    [Fact]
    public async Task Create_Valid_SavesADealOwnedByTheKeysPerson()
    {
        var deal = await CreatedAsync(TestData.Draft(amount: 300_000m));

        Assert.Equal((_erp.Id, "east", 1), (deal.OwnerId, deal.TeamId, deal.Number));
        Assert.Same(deal, Assert.Single(_store.Opportunities));
    }

    [Fact]
    public async Task Create_GradeA_IsBroadcastToTheTeamAsFromChat()
    {
        await CreatedAsync(TestData.Draft()); // scores 8/9/7/8: grade A

        var broadcast = Assert.Single(_store.Outbox, m => m.Purpose == MessagePurpose.Broadcast);
        Assert.Equal("channel-east", broadcast.Address.Key);
        Assert.Contains("API erp", broadcast.Reply.Cards[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SameCompanyAsAnOpenDeal_ReturnsTheMatchAndCreatesNothing()
    {
        var existing = await CreatedAsync(TestData.Draft("华为技术有限公司"), _li);

        var outcome = await Sut().CreateAsync(_erp, TestData.Draft("华为技术股份有限公司"), force: false, TestData.Now, default);

        var match = Assert.Single(Assert.IsType<CommandOutcome.Duplicates>(outcome).Matches);
        Assert.Equal((existing.Number, DuplicateReason.CompanyName), (match.Existing.Number, match.Reason));
        Assert.Single(_store.Opportunities);
    }

    [Fact]
    public async Task Create_DuplicateWithForce_Creates()
    {
        await CreatedAsync(TestData.Draft("华为技术有限公司"), _li);

        Assert.IsType<CommandOutcome.Created>(await Sut().CreateAsync(_erp, TestData.Draft("华为技术股份有限公司"), force: true, TestData.Now, default));
        Assert.Equal(2, _store.Opportunities.Count);
    }

    [Fact]
    public async Task Create_NoTitleAndNegativeAmount_EveryProblemByField()
    {
        var outcome = await Sut().CreateAsync(_erp, TestData.Draft(amount: -1m) with { Title = " " }, force: false, TestData.Now, default);

        Assert.Equal(
            [("Title", RefusalCode.TitleRequired), ("Amount", RefusalCode.AmountNegative)],
            Assert.IsType<CommandOutcome.Invalid>(outcome).Problems.Select(p => (p.Field, p.Problem.Code)));
        Assert.Empty(_store.Opportunities);
    }

    [Fact]
    public async Task Advance_LeadWithoutContactOrNeed_NeedsThoseFields()
    {
        var deal = await CreatedAsync(TestData.Draft(amount: 300_000m));

        var outcome = await Sut().AdvanceAsync(_erp, deal.Number, null, null, null, TestData.Now, default);

        var needs = Assert.IsType<CommandOutcome.NeedsFields>(outcome);
        Assert.Equal("qualified", needs.Target);
        Assert.Equal([ExitCriterion.Contact, ExitCriterion.Need], needs.Missing);
        Assert.Equal("lead", deal.StageCode);
    }

    [Fact]
    public async Task Advance_CriteriaMet_MovesAndBroadcasts()
    {
        var deal = await CreatedAsync(Qualifiable(amount: 300_000m));
        var before = _store.Outbox.Count;

        var outcome = await Sut().AdvanceAsync(_erp, deal.Number, null, null, deal.Version, TestData.Now, default);

        Assert.Equal("qualified", Assert.IsType<CommandOutcome.Done>(outcome).Deal.StageCode);
        Assert.Equal(MessagePurpose.Broadcast, Assert.Single(_store.Outbox.Skip(before)).Purpose);
    }

    [Fact]
    public async Task Advance_IntoProposalAboveTheThreshold_SendsTheApprovalCardToTheManager()
    {
        var deal = await CreatedAsync(Qualifiable(amount: 2_000_000m) with { DecisionMaker = "Li Si", Scorecard = new Scorecard(8, 9, 7, 8) { Need = true, Budget = true } });
        Assert.IsType<CommandOutcome.Done>(await Sut().AdvanceAsync(_erp, deal.Number, null, null, null, TestData.Now, default)); // lead → qualified needs no approval

        var outcome = await Sut().AdvanceAsync(_erp, deal.Number, null, null, null, TestData.Now, default);

        var requested = Assert.IsType<CommandOutcome.ApprovalRequested>(outcome);
        Assert.Equal((_manager.Id, "proposal", ApprovalStatus.Pending), (requested.Approver.Id, requested.Approval.ToStage, requested.Approval.Status));
        var card = Assert.Single(_store.Outbox, m => m.Purpose == MessagePurpose.ApprovalRequest);
        Assert.Equal("chat-wang", card.Address.Key);
        Assert.Equal(card.Id, Assert.Single(_store.Approvals).CardMessageId);
        Assert.Equal("qualified", deal.StageCode);

        var again = await Sut().AdvanceAsync(_erp, deal.Number, null, null, null, TestData.Now, default);
        Assert.Equal(RefusalCode.ApprovalPending, Assert.IsType<CommandOutcome.Refused>(again).Why.Code);
    }

    [Fact]
    public async Task Advance_UnknownStage_IsRefused()
    {
        var deal = await CreatedAsync(Qualifiable(amount: 300_000m));

        var outcome = await Sut().AdvanceAsync(_erp, deal.Number, "nowhere", null, null, TestData.Now, default);

        Assert.Equal(new Refusal(RefusalCode.UnknownStage, "nowhere"), Assert.IsType<CommandOutcome.Refused>(outcome).Why);
    }

    [Fact]
    public async Task AnyCommand_DealOfAnotherTeam_NotFound()
    {
        var deal = await CreatedAsync(Qualifiable(amount: 300_000m));

        Assert.IsType<CommandOutcome.NotFound>(await Sut().AdvanceAsync(_oa, deal.Number, null, null, null, TestData.Now, default));
        Assert.IsType<CommandOutcome.NotFound>(await Sut().UpdateAsync(_oa, deal.Number, null, new OpportunityPatch { Title = "x" }, null, TestData.Now, default));
        Assert.IsType<CommandOutcome.NotFound>(await Sut().LogFollowUpAsync(_oa, deal.Number, "hello", null, TestData.Now, default));
        Assert.Null(await Sut().FindVisibleAsync(_oa, deal.Number, default));
    }

    [Fact]
    public async Task Update_StaleVersion_VersionMismatchAndNothingChanges()
    {
        var deal = await CreatedAsync(TestData.Draft(amount: 300_000m));

        var outcome = await Sut().UpdateAsync(_erp, deal.Number, deal.Version - 1, new OpportunityPatch { Title = "New title" }, null, TestData.Now, default);

        Assert.Equal(deal.Version, Assert.IsType<CommandOutcome.VersionMismatch>(outcome).Current);
        Assert.Equal("ERP升级", deal.Title);
    }

    [Fact]
    public async Task Update_RepKeyOnAnotherRepsDeal_IsRefused()
    {
        var lis = await CreatedAsync(TestData.Draft(amount: 300_000m), _li);

        var outcome = await Sut().UpdateAsync(_erp, lis.Number, null, new OpportunityPatch { Title = "Mine now" }, null, TestData.Now, default);

        Assert.Equal(RefusalCode.NotYourDeal, Assert.IsType<CommandOutcome.Refused>(outcome).Why.Code);
    }

    [Fact]
    public async Task Update_PatchAndNextStep_BothSaved()
    {
        var deal = await CreatedAsync(TestData.Draft(amount: 300_000m));

        var outcome = await Sut().UpdateAsync(_erp, deal.Number, deal.Version, new OpportunityPatch { Amount = 350_000m }, ("Call the CFO", TestData.Now.AddDays(2)), TestData.Now, default);

        var done = Assert.IsType<CommandOutcome.Done>(outcome).Deal;
        Assert.Equal((350_000m, "Call the CFO", TestData.Now.AddDays(2)), (done.Amount, done.NextStep, done.NextStepDue));
    }

    [Fact]
    public async Task LogFollowUp_EmptyNote_InvalidAndNothingLogged()
    {
        var deal = await CreatedAsync(TestData.Draft(amount: 300_000m));

        var outcome = await Sut().LogFollowUpAsync(_erp, deal.Number, " ", null, TestData.Now, default);

        Assert.Equal(RefusalCode.NoteRequired, Assert.Single(Assert.IsType<CommandOutcome.Invalid>(outcome).Problems).Problem.Code);
        Assert.Empty(deal.FollowUps);
    }

    [Fact]
    public async Task Save_ConcurrentChange_ConflictAndNothingSaved()
    {
        var deal = await CreatedAsync(TestData.Draft(amount: 300_000m));
        _store.FailNextSave(new ConcurrencyConflictException("changed meanwhile"));

        var outcome = await Sut().LogFollowUpAsync(_erp, deal.Number, "met the CIO", null, TestData.Now, default);

        Assert.IsType<CommandOutcome.Conflict>(outcome);
    }
}
