namespace OppBot.Domain;

/// <summary>
/// Why the domain refused to do something a user asked for. A value, not an exception: the conversation
/// turns <see cref="Code"/> into a sentence in the user's language, filling in <see cref="Args"/>.
/// </summary>
/// <param name="Code">One of the constants of <see cref="RefusalCode"/>.</param>
/// <param name="Args">Values named in the sentence (a stage name, a limit, ...).</param>
public sealed record Refusal(string Code, params string[] Args)
{
    /// <inheritdoc/>
    public override string ToString() => Args.Length == 0 ? Code : $"{Code}({string.Join(", ", Args)})";

    /// <inheritdoc/>
    public bool Equals(Refusal? other) => other is not null && Code == other.Code && Args.SequenceEqual(other.Args);

    /// <inheritdoc/>
    public override int GetHashCode() => Code.GetHashCode(StringComparison.Ordinal);
}

/// <summary>The codes of <see cref="Refusal"/>.</summary>
public static class RefusalCode
{
    /// <summary>The title is empty.</summary>
    public const string TitleRequired = "title-required";

    /// <summary>The company is empty.</summary>
    public const string AccountRequired = "account-required";

    /// <summary>A text is longer than allowed: field, limit.</summary>
    public const string TooLong = "too-long";

    /// <summary>The amount is negative.</summary>
    public const string AmountNegative = "amount-negative";

    /// <summary>The amount is absurdly large: limit.</summary>
    public const string AmountTooLarge = "amount-too-large";

    /// <summary>The currency is not a 3-letter code.</summary>
    public const string CurrencyInvalid = "currency-invalid";

    /// <summary>A score is outside 0–10: criterion.</summary>
    public const string ScoreOutOfRange = "score-out-of-range";

    /// <summary>The discount is outside 0–100.</summary>
    public const string DiscountOutOfRange = "discount-out-of-range";

    /// <summary>The user may not change this deal: number.</summary>
    public const string NotYourDeal = "not-your-deal";

    /// <summary>The user may not see this deal: number.</summary>
    public const string NotVisible = "not-visible";

    /// <summary>The stage is unknown: text.</summary>
    public const string UnknownStage = "unknown-stage";

    /// <summary>The deal is already in that stage: stage.</summary>
    public const string AlreadyInStage = "already-in-stage";

    /// <summary>The deal is won or lost: status.</summary>
    public const string Closed = "closed";

    /// <summary>Only one stage back at a time: stage.</summary>
    public const string OnlyOneStageBack = "only-one-stage-back";

    /// <summary>Moving back needs a reason.</summary>
    public const string ReasonRequired = "reason-required";

    /// <summary>The loss reason is not in the list: given.</summary>
    public const string UnknownLossReason = "unknown-loss-reason";

    /// <summary>"Other" needs a note.</summary>
    public const string LossNoteRequired = "loss-note-required";

    /// <summary>Only a manager may reopen.</summary>
    public const string ManagerOnly = "manager-only";

    /// <summary>The deal is not closed, so it cannot be reopened.</summary>
    public const string NotClosed = "not-closed";

    /// <summary>The deal is not in the pool.</summary>
    public const string NotInPool = "not-in-pool";

    /// <summary>The deal is already in the pool.</summary>
    public const string AlreadyInPool = "already-in-pool";

    /// <summary>The rep already has the maximum number of open deals: limit.</summary>
    public const string OpenDealLimit = "open-deal-limit";

    /// <summary>The follow-up note is empty.</summary>
    public const string NoteRequired = "note-required";

    /// <summary>The next step text is empty.</summary>
    public const string NextStepRequired = "next-step-required";

    /// <summary>The due time is in the past.</summary>
    public const string DueInPast = "due-in-past";

    /// <summary>Only the designated approver may decide: approver name.</summary>
    public const string NotApprover = "not-approver";

    /// <summary>Nobody approves their own deal.</summary>
    public const string OwnApproval = "own-approval";

    /// <summary>The team has no manager to approve.</summary>
    public const string NoApprover = "no-approver";

    /// <summary>An approval for this deal is already pending: number.</summary>
    public const string ApprovalPending = "approval-pending";

    /// <summary>The person is already a collaborator or the owner.</summary>
    public const string AlreadyCollaborator = "already-collaborator";
}
