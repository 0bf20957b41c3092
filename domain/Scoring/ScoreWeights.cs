namespace OppBot.Domain.Scoring;

/// <summary>The weights of the scorecard in percent; they must sum to 100.</summary>
public sealed record ScoreWeights(int CompanySize, int Urgency, int DecisionMakerAccess, int ProductFit)
{
    /// <summary>20 / 30 / 25 / 25.</summary>
    public static ScoreWeights Default { get; } = new(20, 30, 25, 25);

    /// <summary>The weight of one criterion in percent.</summary>
    public int Of(ScoreCriterion criterion) => criterion switch
    {
        ScoreCriterion.CompanySize => CompanySize,
        ScoreCriterion.Urgency => Urgency,
        ScoreCriterion.DecisionMakerAccess => DecisionMakerAccess,
        ScoreCriterion.ProductFit => ProductFit,
        _ => throw new ArgumentOutOfRangeException(nameof(criterion)),
    };

    /// <summary>Checks the weights; problems name the configuration key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var c in Enum.GetValues<ScoreCriterion>())
        {
            if (Of(c) is < 0 or > 100)
            {
                problems.Add($"Scoring:Weights:{c} must be between 0 and 100 (was {Of(c)})");
            }
        }

        var sum = CompanySize + Urgency + DecisionMakerAccess + ProductFit;
        if (sum != 100)
        {
            problems.Add($"Scoring:Weights must sum to 100 (sum is {sum})");
        }

        return problems;
    }
}
