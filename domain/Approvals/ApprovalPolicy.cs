using OppBot.Domain.Pipeline;

namespace OppBot.Domain.Approvals;

/// <summary>
/// When moving a deal needs a manager's approval: into one of <see cref="Stages"/> when the amount is at or above
/// <see cref="AmountThreshold"/> or the discount is above <see cref="MaxDiscountPercent"/>.
/// </summary>
public sealed record ApprovalPolicy
{
    /// <summary>Stages whose entry may need approval. Defaults to proposal, negotiation and won.</summary>
    public IReadOnlyList<string> Stages { get; init; } = ["proposal", "negotiation", PipelineDefinition.WonCode];

    /// <summary>The amount (in the default currency) at or above which approval is needed. Defaults to ¥1,000,000.</summary>
    public decimal AmountThreshold { get; init; } = 1_000_000m;

    /// <summary>The discount in percent above which approval is needed. Defaults to 20.</summary>
    public decimal MaxDiscountPercent { get; init; } = 20m;

    /// <summary>The defaults.</summary>
    public static ApprovalPolicy Default { get; } = new();

    /// <summary>Whether moving into <paramref name="stageCode"/> needs approval for this amount and discount.</summary>
    public ApprovalReason? Requires(string stageCode, decimal amount, decimal? discountPercent)
    {
        if (!Stages.Contains(stageCode))
        {
            return null;
        }

        if (amount >= AmountThreshold)
        {
            return ApprovalReason.Amount;
        }

        return discountPercent > MaxDiscountPercent ? ApprovalReason.Discount : null;
    }

    /// <summary>Problems naming the configuration key.</summary>
    public IReadOnlyList<string> Validate(PipelineDefinition pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var problems = new List<string>();
        for (var i = 0; i < Stages.Count; i++)
        {
            if (Stages[i] != PipelineDefinition.LostCode && pipeline.Find(Stages[i]) is null)
            {
                problems.Add($"Approvals:Stages:{i} names an unknown stage '{Stages[i]}'");
            }
        }

        if (AmountThreshold < 0)
        {
            problems.Add($"Approvals:AmountThreshold must not be negative (was {AmountThreshold})");
        }

        if (MaxDiscountPercent is < 0 or > 100)
        {
            problems.Add($"Approvals:MaxDiscountPercent must be between 0 and 100 (was {MaxDiscountPercent})");
        }

        return problems;
    }
}

/// <summary>Why a move needs approval.</summary>
public enum ApprovalReason
{
    /// <summary>The amount is at or above the threshold.</summary>
    Amount,

    /// <summary>The discount is above the limit.</summary>
    Discount,
}
