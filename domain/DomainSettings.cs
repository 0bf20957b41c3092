using OppBot.Domain.Approvals;
using OppBot.Domain.Opportunities;
using OppBot.Domain.Pipeline;
using OppBot.Domain.Scoring;

namespace OppBot.Domain;

/// <summary>
/// The business settings: stages, scoring, approvals, loss reasons, pool and nudge rules. Plain values,
/// bound once from configuration by the host and checked by <see cref="Validate"/>.
/// </summary>
public sealed record DomainSettings
{
    /// <summary>The pipeline.</summary>
    public PipelineDefinition Pipeline { get; init; } = PipelineDefinition.Default;

    /// <summary>The scorecard weights.</summary>
    public ScoreWeights Weights { get; init; } = ScoreWeights.Default;

    /// <summary>When a move needs a manager's approval.</summary>
    public ApprovalPolicy Approvals { get; init; } = ApprovalPolicy.Default;

    /// <summary>The reasons a deal may be lost for.</summary>
    public IReadOnlyList<LossReason> LossReasons { get; init; } = LossReason.Defaults;

    /// <summary>Days without owner activity after which a deal may be released to the pool. Defaults to 30.</summary>
    public int PoolAfterInactiveDays { get; init; } = 30;

    /// <summary>Open deals a rep may own at once; null (the default) means no limit.</summary>
    public int? MaxOpenDealsPerRep { get; init; }

    /// <summary>Days without a follow-up after which an open deal counts as stalled. Defaults to 14.</summary>
    public int StallAfterDaysWithoutFollowUp { get; init; } = 14;

    /// <summary>Currency of amounts when none is given. Defaults to CNY.</summary>
    public string DefaultCurrency { get; init; } = "CNY";

    /// <summary>The largest amount accepted, to catch typos. Defaults to 10 billion.</summary>
    public decimal MaxAmount { get; init; } = 10_000_000_000m;

    /// <summary>The defaults.</summary>
    public static DomainSettings Default { get; } = new();

    /// <summary>Every problem with these settings, naming the configuration key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(Weights.Validate());
        problems.AddRange(Approvals.Validate(Pipeline));
        if (LossReasons.Count == 0)
        {
            problems.Add("Pipeline:LossReasons must list at least one reason");
        }

        if (LossReasons.Select(r => r.Code).Distinct(StringComparer.Ordinal).Count() != LossReasons.Count)
        {
            problems.Add("Pipeline:LossReasons has a code used twice");
        }

        if (PoolAfterInactiveDays is < 1 or > 3650)
        {
            problems.Add($"Pool:AfterInactiveDays must be between 1 and 3650 (was {PoolAfterInactiveDays})");
        }

        if (MaxOpenDealsPerRep is < 1)
        {
            problems.Add($"Pool:MaxOpenDealsPerRep must be at least 1 or empty (was {MaxOpenDealsPerRep})");
        }

        if (StallAfterDaysWithoutFollowUp is < 1 or > 365)
        {
            problems.Add($"FollowUps:StallAfterDaysWithoutFollowUp must be between 1 and 365 (was {StallAfterDaysWithoutFollowUp})");
        }

        if (DefaultCurrency.Length != 3 || !DefaultCurrency.All(char.IsAsciiLetterUpper))
        {
            problems.Add($"Pipeline:DefaultCurrency must be a 3-letter upper-case code (was '{DefaultCurrency}')");
        }

        return problems;
    }
}
