namespace OppBot.Domain.Opportunities;

/// <summary>Where an imported deal stood in the system it came from; see <see cref="Opportunity.Import"/>.</summary>
/// <param name="StageCode">The stage (an active one, won or lost).</param>
/// <param name="LossReason">The loss reason code, for lost deals.</param>
/// <param name="LossNote">The note that goes with it.</param>
/// <param name="QuotedAmount">The amount quoted, if any.</param>
/// <param name="DiscountPercent">The discount offered, in percent, if any.</param>
/// <param name="NextStepDue">When the next step is due; may be in the past (an overdue next step is data too).</param>
/// <param name="InPool">True when the deal had no owner (the team pool).</param>
public sealed record ImportedState(
    string StageCode,
    string? LossReason = null,
    string? LossNote = null,
    decimal? QuotedAmount = null,
    decimal? DiscountPercent = null,
    DateTimeOffset? NextStepDue = null,
    bool InPool = false);
