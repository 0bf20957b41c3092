using OppBot.Domain.Approvals;
using OppBot.Domain.Pipeline;

namespace OppBot.Domain.Opportunities;

/// <summary>What happened when a deal was asked to move to another stage.</summary>
public abstract record StageMove
{
    private StageMove()
    {
    }

    /// <summary>The deal moved.</summary>
    public sealed record Moved(string From, string To) : StageMove;

    /// <summary>The deal may not leave its stage yet: these exit criteria are missing.</summary>
    public sealed record NeedsFields(string Target, IReadOnlyList<ExitCriterion> Missing) : StageMove;

    /// <summary>Moving back needs a reason.</summary>
    public sealed record NeedsReason(string Target) : StageMove;

    /// <summary>The move waits for <paramref name="ApproverId"/>'s approval.</summary>
    public sealed record NeedsApproval(string Target, Guid ApproverId, ApprovalReason Reason) : StageMove;

    /// <summary>The move is not allowed.</summary>
    public sealed record NotAllowed(Refusal Why) : StageMove;
}
