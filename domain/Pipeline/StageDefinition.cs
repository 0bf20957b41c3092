namespace OppBot.Domain.Pipeline;

/// <summary>One active stage of the pipeline.</summary>
/// <param name="Code">A stable code used in data and commands (<c>lead</c>, <c>qualified</c>, ...).</param>
/// <param name="NameZh">The Chinese name (线索).</param>
/// <param name="NameEn">The English name (Lead).</param>
/// <param name="ExitCriteria">What must be true before a deal leaves this stage forwards.</param>
/// <param name="SlaDays">Days allowed in the stage before the deal counts as stalled.</param>
/// <param name="Probability">Win probability used for the weighted forecast, 0–1.</param>
public sealed record StageDefinition(
    string Code,
    string NameZh,
    string NameEn,
    IReadOnlyList<ExitCriterion> ExitCriteria,
    int SlaDays,
    decimal Probability)
{
    /// <summary>The name in the given locale.</summary>
    public string Name(string locale) => People.Locales.IsEnglish(locale) ? NameEn : NameZh;
}
