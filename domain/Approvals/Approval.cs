using OppBot.Domain.People;

namespace OppBot.Domain.Approvals;

/// <summary>The state of an approval.</summary>
public enum ApprovalStatus
{
    /// <summary>Waiting for the approver.</summary>
    Pending,

    /// <summary>Approved: the move happened.</summary>
    Approved,

    /// <summary>Rejected: the deal stays where it was.</summary>
    Rejected,
}

/// <summary>A request for a manager to approve a stage move. Decided once, by the designated approver only.</summary>
public sealed class Approval
{
    private Approval()
    {
        FromStage = string.Empty;
        ToStage = string.Empty;
        Currency = "CNY";
    }

    /// <summary>Creates a pending approval.</summary>
    public Approval(Guid opportunityId, int number, Guid requestedById, Guid approverId, string fromStage, string toStage, decimal amount, string currency, ApprovalReason reason, DateTimeOffset now)
        : this()
    {
        Id = Guid.NewGuid();
        OpportunityId = opportunityId;
        Number = number;
        RequestedById = requestedById;
        ApproverId = approverId;
        FromStage = fromStage;
        ToStage = toStage;
        Amount = amount;
        Currency = currency;
        Reason = reason;
        RequestedAt = now;
        Status = ApprovalStatus.Pending;
    }

    /// <summary>The id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The deal.</summary>
    public Guid OpportunityId { get; private set; }

    /// <summary>The deal's number.</summary>
    public int Number { get; private set; }

    /// <summary>Who asked.</summary>
    public Guid RequestedById { get; private set; }

    /// <summary>Who decides.</summary>
    public Guid ApproverId { get; private set; }

    /// <summary>The stage the deal is in.</summary>
    public string FromStage { get; private set; }

    /// <summary>The stage requested.</summary>
    public string ToStage { get; private set; }

    /// <summary>The amount at the time of the request.</summary>
    public decimal Amount { get; private set; }

    /// <summary>The currency.</summary>
    public string Currency { get; private set; }

    /// <summary>Why approval is needed.</summary>
    public ApprovalReason Reason { get; private set; }

    /// <summary>When it was asked.</summary>
    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>Pending, approved or rejected.</summary>
    public ApprovalStatus Status { get; private set; }

    /// <summary>Who decided.</summary>
    public Guid? DecidedById { get; private set; }

    /// <summary>When.</summary>
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The approver's comment.</summary>
    public string? Comment { get; private set; }

    /// <summary>The outbox ids of the approval cards sent, so they can be updated in place.</summary>
    public Guid? CardMessageId { get; private set; }

    /// <summary>The optimistic concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>Remembers the outbox message carrying the approval card.</summary>
    public void AttachCard(Guid outgoingMessageId) => CardMessageId = outgoingMessageId;

    /// <summary>Decides. Only the approver may, only once; a second press answers with the result and changes nothing.</summary>
    public ApprovalDecision Decide(SalesRep actor, bool approve, string? comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Status != ApprovalStatus.Pending)
        {
            return new ApprovalDecision.AlreadyDecided(Status, DecidedById, DecidedAt);
        }

        if (actor.Id != ApproverId)
        {
            return new ApprovalDecision.NotApprover(ApproverId);
        }

        if (actor.Id == RequestedById)
        {
            return new ApprovalDecision.NotApprover(ApproverId);
        }

        Status = approve ? ApprovalStatus.Approved : ApprovalStatus.Rejected;
        DecidedById = actor.Id;
        DecidedAt = now;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim()[..Math.Min(comment.Trim().Length, 1000)];
        Version++;
        return new ApprovalDecision.Decided(Status);
    }
}

/// <summary>What happened when someone pressed Approve or Reject.</summary>
public abstract record ApprovalDecision
{
    private ApprovalDecision()
    {
    }

    /// <summary>The decision was recorded.</summary>
    public sealed record Decided(ApprovalStatus Status) : ApprovalDecision;

    /// <summary>Only <paramref name="ApproverId"/> may decide.</summary>
    public sealed record NotApprover(Guid ApproverId) : ApprovalDecision;

    /// <summary>It was decided before; nothing changed.</summary>
    public sealed record AlreadyDecided(ApprovalStatus Status, Guid? ById, DateTimeOffset? At) : ApprovalDecision;
}
