namespace OppBot.Domain.Opportunities;

/// <summary>A reason a deal can be lost for, named in both languages.</summary>
/// <param name="Code">The stable code (<c>price</c>).</param>
/// <param name="NameZh">价格.</param>
/// <param name="NameEn">Price.</param>
/// <param name="NeedsNote">True for "other": a note is required.</param>
public sealed record LossReason(string Code, string NameZh, string NameEn, bool NeedsNote = false)
{
    /// <summary>The name in the locale.</summary>
    public string Name(string locale) => People.Locales.IsEnglish(locale) ? NameEn : NameZh;

    /// <summary>The default list.</summary>
    public static IReadOnlyList<LossReason> Defaults { get; } =
    [
        new("price", "价格", "Price"),
        new("product_fit", "产品不匹配", "Product fit"),
        new("service", "服务", "Service"),
        new("competitor", "竞争对手", "Competitor"),
        new("no_budget", "无预算", "No budget"),
        new("no_decision", "决策搁置", "No decision"),
        new("no_response", "失联", "No response"),
        new("other", "其他", "Other", NeedsNote: true),
    ];
}
