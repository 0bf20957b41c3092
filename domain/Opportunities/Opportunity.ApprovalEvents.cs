using OppBot.Domain.Approvals;
using OppBot.Domain.Audit;

namespace OppBot.Domain.Opportunities;

public sealed partial class Opportunity
{
    /// <summary>
    /// Records that a manager decided an approval of this deal (an <see cref="EventType.ApprovalDecided"/> event, for
    /// webhooks and analytics). Only the event: the move an approval allows is made by <see cref="MoveTo"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The approval is for another deal or still pending.</exception>
    public void RecordApprovalDecision(Approval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        if (approval.OpportunityId != Id || approval.Status == ApprovalStatus.Pending || approval.DecidedAt is not { } at)
        {
            throw new ArgumentException($"Approval {approval.Id} is not a decided approval of deal #{Number}.", nameof(approval));
        }

        Raise(
            EventType.ApprovalDecided,
            approval.DecidedById,
            at,
            ("approvalId", approval.Id.ToString()),
            ("decision", approval.Status == ApprovalStatus.Approved ? "approved" : "rejected"),
            ("from", approval.FromStage),
            ("to", approval.ToStage),
            ("comment", approval.Comment));
    }
}
