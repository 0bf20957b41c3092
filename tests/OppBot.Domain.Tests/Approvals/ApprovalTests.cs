using OppBot.Domain.Approvals;
using static OppBot.Domain.Tests.TestData;

namespace OppBot.Domain.Tests.Approvals;

public class ApprovalTests
{
    [Fact]
    public void Decide_ByApprover_IsRecordedOnce()
    {
        var rep = Rep();
        var manager = Manager();
        var approval = new Approval(Guid.NewGuid(), 42, rep.Id, manager.Id, "qualified", "proposal", 2_000_000m, "CNY", ApprovalReason.Amount, Now);

        var first = approval.Decide(manager, approve: true, "go", Now);
        var second = approval.Decide(manager, approve: false, "changed my mind", Now.AddMinutes(1));

        Assert.Equal(new ApprovalDecision.Decided(ApprovalStatus.Approved), first);
        Assert.IsType<ApprovalDecision.AlreadyDecided>(second);
        Assert.Equal(ApprovalStatus.Approved, approval.Status);
        Assert.Equal("go", approval.Comment);
    }

    [Fact]
    public void Decide_BySomeoneElse_IsRefusedNamingTheApprover()
    {
        var manager = Manager();
        var approval = new Approval(Guid.NewGuid(), 42, Guid.NewGuid(), manager.Id, "qualified", "proposal", 2_000_000m, "CNY", ApprovalReason.Amount, Now);

        var decision = approval.Decide(Rep("Nosy"), approve: true, null, Now);

        Assert.Equal(new ApprovalDecision.NotApprover(manager.Id), decision);
        Assert.Equal(ApprovalStatus.Pending, approval.Status);
    }

    [Theory]
    [InlineData("proposal", 1_000_000, null, ApprovalReason.Amount)] // at the threshold
    [InlineData("proposal", 999_999, null, null)] // just below
    [InlineData("qualified", 5_000_000, null, null)] // not an approval stage
    [InlineData("won", 10, 25.0, ApprovalReason.Discount)] // discount above 20%
    [InlineData("negotiation", 10, 20.0, null)] // discount at the limit
    public void Requires_DefaultPolicy(string stage, double amount, double? discount, ApprovalReason? expected) =>
        Assert.Equal(expected, ApprovalPolicy.Default.Requires(stage, (decimal)amount, (decimal?)discount));
}
