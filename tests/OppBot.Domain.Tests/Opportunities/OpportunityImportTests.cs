using OppBot.Domain.Approvals;
using OppBot.Domain.Audit;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using static OppBot.Domain.Tests.TestData;

namespace OppBot.Domain.Tests.Opportunities;

public sealed class OpportunityImportTests
{
    private static readonly DomainSettings Settings = DomainSettings.Default;
    private static readonly SalesRep Importer = Rep("Importer", "east", Role.Manager);

    [Fact]
    public void Import_IntoNegotiation_SkipsExitCriteriaAndRecordsOneImportedMove()
    {
        // Negotiation needs a contact, need, decision maker, budget and a quote in OppBot; the spreadsheet's deal got there elsewhere.
        var o = Deal(Rep());

        o.Import(new ImportedState("negotiation"), Importer, Settings, Now.AddMinutes(1));

        Assert.Equal("negotiation", o.StageCode);
        Assert.Equal(new StageChange("lead", "negotiation", Now.AddMinutes(1), Importer.Id, Opportunity.ImportedReason), o.StageHistory[^1]);
        Assert.Equal(Now.AddMinutes(1), o.StageEnteredAt);
    }

    [Fact]
    public void Import_Won_IsClosedWithAWonEventMarkedImported()
    {
        var o = Deal(Rep());

        o.Import(new ImportedState("won"), Importer, Settings, Now);

        Assert.Equal(OpportunityStatus.Won, o.Status);
        var won = Assert.Single(o.PendingEvents, e => e.Type == EventType.Won);
        Assert.Equal("true", won.Data[Opportunity.ImportedReason]);
        Assert.Equal(Importer.Id, won.ActorId);
    }

    [Fact]
    public void Import_FirstStage_AddsNoMoveButMarksTheCreation()
    {
        var o = Deal(Rep());

        o.Import(new ImportedState("lead"), Importer, Settings, Now);

        Assert.Single(o.StageHistory);
        Assert.Equal("true", Assert.Single(o.PendingEvents).Data[Opportunity.ImportedReason]);
    }

    [Fact]
    public void Import_DealThatAlreadyChanged_Throws()
    {
        var rep = Rep();
        var o = Deal(rep);
        Assert.Null(o.LogFollowUp(rep, "met", Now));

        Assert.Throws<InvalidOperationException>(() => o.Import(new ImportedState("won"), Importer, Settings, Now));
    }

    [Fact]
    public void Import_LostWithoutAReason_Throws()
    {
        Assert.Throws<ArgumentException>(() => Deal(Rep()).Import(new ImportedState("lost"), Importer, Settings, Now));
    }

    [Fact]
    public void RecordApprovalDecision_Decided_RaisesApprovalDecided()
    {
        var rep = Rep();
        var manager = Manager();
        var o = Deal(rep);
        o.ClearPending();
        var approval = new Approval(o.Id, o.Number, rep.Id, manager.Id, "qualified", "proposal", o.Amount, o.Currency, ApprovalReason.Amount, Now);
        approval.Decide(manager, approve: false, "too early", Now.AddHours(1));

        o.RecordApprovalDecision(approval);

        var e = Assert.Single(o.PendingEvents);
        Assert.Equal((EventType.ApprovalDecided, manager.Id, Now.AddHours(1)), (e.Type, e.ActorId!.Value, e.At));
        Assert.Equal("rejected", e.Data["decision"]);
        Assert.Equal("too early", e.Data["comment"]);
    }

    [Fact]
    public void RecordApprovalDecision_StillPending_Throws()
    {
        var rep = Rep();
        var o = Deal(rep);
        var approval = new Approval(o.Id, o.Number, rep.Id, Manager().Id, "qualified", "proposal", o.Amount, o.Currency, ApprovalReason.Amount, Now);

        Assert.Throws<ArgumentException>(() => o.RecordApprovalDecision(approval));
    }
}
