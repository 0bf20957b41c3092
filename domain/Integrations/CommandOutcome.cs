using OppBot.Domain.Approvals;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;

namespace OppBot.Domain.Integrations;

/// <summary>What happened to a request an integration made through <see cref="OpportunityCommands"/>.</summary>
public abstract record CommandOutcome
{
    private CommandOutcome()
    {
    }

    /// <summary>The deal was created and saved.</summary>
    public sealed record Created(Opportunity Deal) : CommandOutcome;

    /// <summary>The change was made and saved.</summary>
    public sealed record Done(Opportunity Deal) : CommandOutcome;

    /// <summary>The deal does not exist or the caller may not see it (the two are not told apart).</summary>
    public sealed record NotFound : CommandOutcome;

    /// <summary>Values are not valid; nothing changed.</summary>
    public sealed record Invalid(IReadOnlyList<FieldProblem> Problems) : CommandOutcome;

    /// <summary>The new deal looks like these open deals (撞单); nothing was created.</summary>
    public sealed record Duplicates(IReadOnlyList<DuplicateMatch> Matches) : CommandOutcome;

    /// <summary>The deal may not leave its stage yet: these exit criteria are missing.</summary>
    public sealed record NeedsFields(string Target, IReadOnlyList<ExitCriterion> Missing) : CommandOutcome;

    /// <summary>Moving back needs a reason.</summary>
    public sealed record NeedsReason(string Target) : CommandOutcome;

    /// <summary>The move waits for <paramref name="Approver"/>: the approval was saved and the card queued to them.</summary>
    public sealed record ApprovalRequested(Approval Approval, SalesRep Approver) : CommandOutcome;

    /// <summary>The domain refused; nothing changed.</summary>
    public sealed record Refused(Refusal Why) : CommandOutcome;

    /// <summary>The caller's version (If-Match) is not the deal's <paramref name="Current"/> one; nothing changed.</summary>
    public sealed record VersionMismatch(int Current) : CommandOutcome;

    /// <summary>Someone else changed the deal while this request ran; nothing was saved.</summary>
    public sealed record Conflict : CommandOutcome;
}
