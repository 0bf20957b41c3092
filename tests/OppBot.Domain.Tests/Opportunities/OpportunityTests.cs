using OppBot.Domain.Audit;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;
using OppBot.Domain.Scoring;
using static OppBot.Domain.Tests.TestData;

namespace OppBot.Domain.Tests.Opportunities;

public class OpportunityTests
{
    private static readonly DomainSettings Settings = DomainSettings.Default;

    [Fact]
    public void Create_ValidDraft_StartsInFirstStageOwnedByCreator()
    {
        var rep = Rep();
        var o = Deal(rep);

        Assert.Equal("lead", o.StageCode);
        Assert.Equal(OpportunityStatus.Open, o.Status);
        Assert.Equal(rep.Id, o.OwnerId);
        Assert.Equal("east", o.TeamId);
        Assert.Equal("CNY", o.Currency);
        Assert.Equal("华为技术", o.NormalizedAccount);
        Assert.Single(o.StageHistory);
        Assert.Contains(o.PendingEvents, e => e.Type == EventType.Created);
    }

    [Theory]
    [InlineData("", "ERP", 1, "Account")] // empty company
    [InlineData("Acme", " ", 1, "Title")] // blank title
    [InlineData("Acme", "CRM", -5, "Amount")] // negative amount
    [InlineData("Acme", "CRM", 99_000_000_000, "Amount")] // absurd amount, above the 10 billion limit
    public void Create_BadDraft_ReturnsProblemAndCreatesNothing(string account, string title, double amount, string field)
    {
        var draft = new LeadDraft { Account = account, Title = title, Amount = (decimal)amount };

        var o = Opportunity.Create(draft, Rep(), 1, Settings, Now, out var problems);

        Assert.Null(o);
        Assert.Contains(problems, p => p.Field == field);
    }

    [Fact]
    public void Create_OverlongTitle_IsRefused()
    {
        var draft = Draft() with { Title = new string('x', LeadDraft.MaxTitleLength + 1) };

        Opportunity.Create(draft, Rep(), 1, Settings, Now, out var problems);

        Assert.Contains(problems, p => p.Problem.Code == RefusalCode.TooLong);
    }

    [Fact]
    public void MoveTo_WithoutContactAndNeed_AsksForExactlyThose()
    {
        var rep = Rep();
        var o = Deal(rep);

        var move = o.MoveTo("qualified", rep, Settings, null, Now);

        var needs = Assert.IsType<StageMove.NeedsFields>(move);
        Assert.Equal([ExitCriterion.Contact, ExitCriterion.Need], needs.Missing);
        Assert.Equal("lead", o.StageCode);
    }

    [Fact]
    public void MoveTo_CriteriaMet_MovesAndRecordsHistoryAuditAndEvent()
    {
        var rep = Rep();
        var o = Deal(rep, draft: Draft() with { ContactName = "张三", Scorecard = new Scorecard(8, 9, 7, 8) { Need = true } });
        o.ClearPending();

        var move = o.MoveTo("qualified", rep, Settings, null, Now.AddDays(1));

        Assert.Equal(new StageMove.Moved("lead", "qualified"), move);
        Assert.Equal("qualified", o.StageCode);
        Assert.Equal(2, o.StageHistory.Count);
        Assert.Contains(o.PendingAudit, a => a.Field == "StageCode" && a.OldValue == "lead" && a.NewValue == "qualified");
        Assert.Contains(o.PendingEvents, e => e.Type == EventType.StageChanged);
    }

    [Fact]
    public void MoveTo_IntoProposalAboveThreshold_NeedsManagerApproval()
    {
        var rep = Rep();
        var manager = Manager();
        var o = Ready(rep, amount: 1_500_000m, stage: "qualified");

        var move = o.MoveTo("proposal", rep, Settings, manager.Id, Now);

        var needs = Assert.IsType<StageMove.NeedsApproval>(move);
        Assert.Equal(manager.Id, needs.ApproverId);
        Assert.Equal("qualified", o.StageCode);
    }

    [Fact]
    public void MoveTo_BelowThreshold_MovesAtOnce()
    {
        var rep = Rep();
        var o = Ready(rep, amount: 999_999m, stage: "qualified");

        Assert.IsType<StageMove.Moved>(o.MoveTo("proposal", rep, Settings, Guid.NewGuid(), Now));
    }

    [Fact]
    public void MoveTo_AtThresholdApproved_Moves()
    {
        var rep = Rep();
        var o = Ready(rep, amount: 1_000_000m, stage: "qualified");

        Assert.IsType<StageMove.Moved>(o.MoveTo("proposal", rep, Settings, Guid.NewGuid(), Now, approved: true));
    }

    [Fact]
    public void MoveTo_ManagersOwnBigDeal_CannotSelfApprove()
    {
        var manager = Manager();
        var o = Ready(manager, amount: 2_000_000m, stage: "qualified");

        var move = o.MoveTo("proposal", manager, Settings, manager.Id, Now);

        // Nobody approves their own deal: with no other approver the move is refused.
        Assert.Equal(RefusalCode.NoApprover, Assert.IsType<StageMove.NotAllowed>(move).Why.Code);
        Assert.Equal("qualified", o.StageCode);
    }

    [Fact]
    public void MoveTo_ManagerMovesRepsBigDeal_ApprovesImplicitly()
    {
        var rep = Rep();
        var manager = Manager();
        var o = Ready(rep, amount: 2_000_000m, stage: "qualified");

        Assert.IsType<StageMove.Moved>(o.MoveTo("proposal", manager, Settings, manager.Id, Now));
    }

    [Fact]
    public void MoveTo_BackOneStageWithoutReason_AsksForReason()
    {
        var rep = Rep();
        var o = Ready(rep, amount: 10m, stage: "qualified");

        Assert.IsType<StageMove.NeedsReason>(o.MoveTo("lead", rep, Settings, null, Now));
        Assert.IsType<StageMove.Moved>(o.MoveTo("lead", rep, Settings, null, Now, "customer re-scoping"));
    }

    [Fact]
    public void MoveTo_BackTwoStages_IsNotAllowed()
    {
        var rep = Rep();
        var o = Ready(rep, amount: 10m, stage: "proposal");

        var move = o.MoveTo("lead", rep, Settings, null, Now, "why not");

        Assert.Equal(RefusalCode.OnlyOneStageBack, Assert.IsType<StageMove.NotAllowed>(move).Why.Code);
    }

    [Fact]
    public void MoveTo_UnknownStage_IsRefused()
    {
        var rep = Rep();
        var o = Deal(rep);

        var move = o.MoveTo("banana", rep, Settings, null, Now);

        Assert.Equal(RefusalCode.UnknownStage, Assert.IsType<StageMove.NotAllowed>(move).Why.Code);
    }

    [Fact]
    public void MoveTo_SomeoneElsesDeal_IsRefusedAndChangesNothing()
    {
        var o = Ready(Rep(), amount: 10m, stage: "qualified");
        var version = o.Version;

        var move = o.MoveTo("proposal", Rep("Han Meimei"), Settings, null, Now);

        Assert.Equal(RefusalCode.NotYourDeal, Assert.IsType<StageMove.NotAllowed>(move).Why.Code);
        Assert.Equal(version, o.Version);
    }

    [Fact]
    public void MoveTo_OtherTeam_CannotEvenSeeIt()
    {
        var o = Deal(Rep());

        var move = o.MoveTo("qualified", Rep("Zhao", team: "west"), Settings, null, Now);

        Assert.Equal(RefusalCode.NotVisible, Assert.IsType<StageMove.NotAllowed>(move).Why.Code);
    }

    [Fact]
    public void Won_IsFinalUntilManagerReopens()
    {
        var rep = Rep();
        var o = Ready(rep, amount: 10m, stage: "negotiation");
        Assert.IsType<StageMove.Moved>(o.MoveTo(PipelineDefinition.WonCode, rep, Settings, null, Now));
        Assert.Equal(OpportunityStatus.Won, o.Status);

        Assert.IsType<StageMove.NotAllowed>(o.MoveTo("negotiation", rep, Settings, null, Now, "oops"));
        Assert.Equal(RefusalCode.ManagerOnly, o.Reopen(rep, Settings, Now)?.Code);
        Assert.Null(o.Reopen(Manager(), Settings, Now));
        Assert.Equal("negotiation", o.StageCode);
        Assert.Equal(OpportunityStatus.Open, o.Status);
    }

    [Theory]
    [InlineData("price", null, null)] // a listed reason
    [InlineData("竞争对手", null, null)] // the Chinese name works too
    [InlineData("other", null, RefusalCode.LossNoteRequired)] // other needs a note
    [InlineData("other", "went with in-house build", null)] // other with a note
    [InlineData("weather", null, RefusalCode.UnknownLossReason)] // not in the list
    public void Lose_Reason_IsCheckedAgainstTheList(string reason, string? note, string? refusal)
    {
        var rep = Rep();
        var o = Deal(rep);

        var result = o.Lose(rep, reason, note, Settings, Now);

        Assert.Equal(refusal, result?.Code);
        Assert.Equal(refusal is null ? OpportunityStatus.Lost : OpportunityStatus.Open, o.Status);
    }

    [Fact]
    public void LogFollowUp_EmptyNote_IsRefusedAndChangesNothing()
    {
        var rep = Rep();
        var o = Deal(rep);

        Assert.Equal(RefusalCode.NoteRequired, o.LogFollowUp(rep, "  ", Now)?.Code);
        Assert.Empty(o.FollowUps);
    }

    [Fact]
    public void SetNextStep_InThePast_IsRefused()
    {
        var rep = Rep();
        var o = Deal(rep);

        Assert.Equal(RefusalCode.DueInPast, o.SetNextStep(rep, "call", Now.AddDays(-1), Now)?.Code);
        Assert.Null(o.NextStep);
    }

    [Fact]
    public void Collaborator_CanEdit()
    {
        var o = Deal(Rep());
        var colleague = Rep("Han Meimei");

        Assert.Null(o.Join(colleague, Now));
        Assert.Null(o.LogFollowUp(colleague, "visited the CIO", Now));
        Assert.Equal(RefusalCode.AlreadyCollaborator, o.Join(colleague, Now)?.Code);
    }

    [Fact]
    public void Pool_ReleaseThenClaim_WithinLimit()
    {
        var rep = Rep();
        var o = Deal(rep);
        Assert.Null(o.ReleaseToPool(null, Now));
        Assert.True(o.InPool);

        var other = Rep("Han Meimei");
        var limited = Settings with { MaxOpenDealsPerRep = 2 };
        Assert.Equal(RefusalCode.OpenDealLimit, o.Claim(other, 2, limited, Now)?.Code);
        Assert.Null(o.Claim(other, 1, limited, Now));
        Assert.Equal(other.Id, o.OwnerId);
        Assert.Contains(o.PendingEvents, e => e.Type == EventType.Claimed);
    }

    [Fact]
    public void IsStalled_PastSlaOrNoFollowUp()
    {
        var o = Deal(Rep());

        Assert.False(o.IsStalled(Settings, Now.AddDays(13)));
        Assert.True(o.IsStalled(Settings, Now.AddDays(15))); // lead SLA 14 days
    }

    [Fact]
    public void Update_BadAmount_ChangesNothing()
    {
        var rep = Rep();
        var o = Deal(rep);

        var problems = o.Update(rep, new OpportunityPatch { Amount = -1, Title = "New title" }, Settings, Now);

        Assert.NotEmpty(problems);
        Assert.Equal("ERP升级", o.Title);
    }

    // A deal in the given stage with every exit criterion of the default pipeline met.
    private static Opportunity Ready(SalesRep owner, decimal amount, string stage)
    {
        var draft = Draft(amount: amount) with
        {
            ContactName = "张三",
            DecisionMaker = "李总",
            Scorecard = new Scorecard(8, 9, 7, 8) { Need = true, Budget = true, Authority = true, Timeline = true },
        };
        var o = Deal(owner, amount, draft: draft);
        o.Update(owner, new OpportunityPatch { QuotedAmount = amount }, Settings, Now);
        foreach (var s in Settings.Pipeline.Active.Skip(1).TakeWhile(_ => o.StageCode != stage))
        {
            Assert.IsType<StageMove.Moved>(o.MoveTo(s.Code, owner, Settings, null, Now, approved: true));
        }

        return o;
    }
}
