namespace OppBot.Domain.Pipeline;

/// <summary>
/// The stages a deal moves through: 4–6 configured active stages, then the two closed ones, Won and Lost.
/// </summary>
public sealed class PipelineDefinition
{
    /// <summary>The code of the closed-won stage.</summary>
    public const string WonCode = "won";

    /// <summary>The code of the closed-lost stage.</summary>
    public const string LostCode = "lost";

    /// <summary>The fewest active stages allowed.</summary>
    public const int MinActiveStages = 4;

    /// <summary>The most active stages allowed.</summary>
    public const int MaxActiveStages = 6;

    private PipelineDefinition(IReadOnlyList<StageDefinition> active) => Active = active;

    /// <summary>The active stages in order.</summary>
    public IReadOnlyList<StageDefinition> Active { get; }

    /// <summary>
    /// The default pipeline: 线索 Lead → 需求确认 Qualified → 方案报价 Proposal → 商务谈判 Negotiation → 赢单 Won / 输单 Lost.
    /// </summary>
    public static PipelineDefinition Default { get; } = new(
    [
        new("lead", "线索", "Lead", [ExitCriterion.Contact, ExitCriterion.Need], 14, 0.10m),
        new("qualified", "需求确认", "Qualified", [ExitCriterion.DecisionMaker, ExitCriterion.Budget], 21, 0.25m),
        new("proposal", "方案报价", "Proposal", [ExitCriterion.QuotedAmount], 21, 0.50m),
        new("negotiation", "商务谈判", "Negotiation", [ExitCriterion.Authority, ExitCriterion.Timeline], 30, 0.75m),
    ]);

    /// <summary>The first stage, where new deals start.</summary>
    public StageDefinition First => Active[0];

    /// <summary>
    /// Builds a pipeline from configuration, checking every rule. Problems name the configuration key.
    /// </summary>
    /// <param name="stages">The active stages in order.</param>
    /// <param name="problems">What is wrong, one line per problem, e.g. <c>Pipeline:Stages:2:SlaDays must be between 1 and 365 (was 0)</c>.</param>
    public static PipelineDefinition? TryCreate(IReadOnlyList<StageDefinition> stages, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var list = new List<string>();
        if (stages.Count is < MinActiveStages or > MaxActiveStages)
        {
            list.Add($"Pipeline:Stages must have between {MinActiveStages} and {MaxActiveStages} active stages (has {stages.Count})");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        decimal previousProbability = -1;
        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            var key = $"Pipeline:Stages:{i}";
            if (string.IsNullOrWhiteSpace(s.Code) || !s.Code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                list.Add($"{key}:Code must be lower-case letters, digits or '_' (was '{s.Code}')");
            }
            else if (s.Code is WonCode or LostCode)
            {
                list.Add($"{key}:Code '{s.Code}' is reserved for the closed stages");
            }
            else if (!seen.Add(s.Code))
            {
                list.Add($"{key}:Code '{s.Code}' is used twice");
            }

            if (string.IsNullOrWhiteSpace(s.NameZh))
            {
                list.Add($"{key}:NameZh is required");
            }

            if (string.IsNullOrWhiteSpace(s.NameEn))
            {
                list.Add($"{key}:NameEn is required");
            }

            if (s.SlaDays is < 1 or > 365)
            {
                list.Add($"{key}:SlaDays must be between 1 and 365 (was {s.SlaDays})");
            }

            if (s.Probability is <= 0 or >= 1)
            {
                list.Add($"{key}:Probability must be greater than 0 and less than 1 (was {s.Probability})");
            }
            else if (s.Probability < previousProbability)
            {
                list.Add($"{key}:Probability must not be lower than the stage before it (was {s.Probability})");
            }

            previousProbability = s.Probability;
            if (s.ExitCriteria is null)
            {
                list.Add($"{key}:ExitCriteria is required (may be empty)");
            }
        }

        problems = list;
        return list.Count == 0 ? new PipelineDefinition([.. stages]) : null;
    }

    /// <summary>Finds an active or closed stage by code, or by its Chinese or English name (case-insensitive).</summary>
    public StageDefinition? Find(string codeOrName)
    {
        if (string.IsNullOrWhiteSpace(codeOrName))
        {
            return null;
        }

        var text = codeOrName.Trim();
        return All.FirstOrDefault(s =>
            s.Code.Equals(text, StringComparison.OrdinalIgnoreCase) ||
            s.NameEn.Equals(text, StringComparison.OrdinalIgnoreCase) ||
            s.NameZh == text);
    }

    /// <summary>The closed-won stage.</summary>
    public static StageDefinition Won { get; } = new(WonCode, "赢单", "Won", [], 365, 1m);

    /// <summary>The closed-lost stage.</summary>
    public static StageDefinition Lost { get; } = new(LostCode, "输单", "Lost", [], 365, 0m);

    /// <summary>Active stages then Won and Lost.</summary>
    public IEnumerable<StageDefinition> All => Active.Append(Won).Append(Lost);

    /// <summary>The position of an active stage (0-based), or -1 for closed or unknown codes.</summary>
    public int IndexOf(string code)
    {
        for (var i = 0; i < Active.Count; i++)
        {
            if (Active[i].Code == code)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The stage after <paramref name="code"/>: the next active one, or Won after the last.</summary>
    public StageDefinition? Next(string code)
    {
        var i = IndexOf(code);
        return i < 0 ? null : i + 1 < Active.Count ? Active[i + 1] : Won;
    }

    /// <summary>The stage by code; throws for unknown codes (data written by OppBot is always known).</summary>
    public StageDefinition Get(string code) =>
        Find(code) ?? throw new InvalidOperationException($"Unknown stage code '{code}'. Was the pipeline configuration changed?");
}
