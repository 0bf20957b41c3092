namespace OppBot.Domain.Scoring;

/// <summary>
/// A lead's scorecard: four criteria scored 0–10 and the BANT flags.
/// </summary>
public sealed record Scorecard(int CompanySize, int Urgency, int DecisionMakerAccess, int ProductFit)
{
    /// <summary>The lowest score of a criterion.</summary>
    public const int MinScore = 0;

    /// <summary>The highest score of a criterion.</summary>
    public const int MaxScore = 10;

    /// <summary>A card with nothing scored yet (all zeros).</summary>
    public static Scorecard Empty { get; } = new(0, 0, 0, 0);

    /// <summary>Budget known.</summary>
    public bool Budget { get; init; }

    /// <summary>Authority: the decision maker is involved.</summary>
    public bool Authority { get; init; }

    /// <summary>Need confirmed.</summary>
    public bool Need { get; init; }

    /// <summary>Timeline known.</summary>
    public bool Timeline { get; init; }

    /// <summary>The score of one criterion.</summary>
    public int Of(ScoreCriterion criterion) => criterion switch
    {
        ScoreCriterion.CompanySize => CompanySize,
        ScoreCriterion.Urgency => Urgency,
        ScoreCriterion.DecisionMakerAccess => DecisionMakerAccess,
        ScoreCriterion.ProductFit => ProductFit,
        _ => throw new ArgumentOutOfRangeException(nameof(criterion)),
    };

    /// <summary>The criteria whose score is outside 0–10.</summary>
    public IReadOnlyList<ScoreCriterion> OutOfRange() =>
        Enum.GetValues<ScoreCriterion>().Where(c => Of(c) is < MinScore or > MaxScore).ToList();

    /// <summary>Weighs the scores: weighted score, grade and the breakdown ("why is this an A").</summary>
    public ScoreResult Evaluate(ScoreWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var lines = Enum.GetValues<ScoreCriterion>()
            .Select(c => new ScoreLine(c, Of(c), weights.Of(c), Of(c) * weights.Of(c) / 100m))
            .ToList();
        var total = Math.Round(lines.Sum(l => l.Contribution), 2);
        var grade = total >= 8 ? Grade.A : total >= 6 ? Grade.B : Grade.C;
        return new ScoreResult(total, grade, lines);
    }
}

/// <summary>The weighted score, the grade and each criterion's contribution.</summary>
public sealed record ScoreResult(decimal Score, Grade Grade, IReadOnlyList<ScoreLine> Lines);

/// <summary>One criterion's part of the score.</summary>
/// <param name="Criterion">Which criterion.</param>
/// <param name="Score">Its score 0–10.</param>
/// <param name="WeightPercent">Its weight in percent.</param>
/// <param name="Contribution">Score × weight, in points of the 0–10 total.</param>
public sealed record ScoreLine(ScoreCriterion Criterion, int Score, int WeightPercent, decimal Contribution);
