using System.Globalization;
using OppBot.Domain.Conversations;
using OppBot.Domain.Text;

namespace OppBot.Domain.Imports;

/// <summary>
/// The header names a deals CSV may use for each <see cref="DealColumn"/>, in Chinese and English, and the ones an
/// export writes (<see cref="Header"/>, which are always among them, so an export imports back). Headers are compared
/// ignoring case, full/half width, spaces, <c>_</c>, <c>-</c> and a trailing <c>*</c> (spreadsheet templates mark
/// required columns so). A unit in brackets is understood for money: <c>金额(万元)</c> multiplies plain numbers by
/// 10,000, <c>金额(元)</c> or <c>Amount (CNY)</c> changes nothing; any other bracketed text makes the header unknown
/// rather than guessing.
/// </summary>
public static class DealCsvColumns
{
    /// <summary>The columns a file must have.</summary>
    public static IReadOnlyList<DealColumn> Required { get; } = [DealColumn.Account, DealColumn.Title, DealColumn.Amount];

    private static readonly Dictionary<DealColumn, string[]> Names = new()
    {
        [DealColumn.Number] = ["编号", "商机编号", "序号", "number", "no", "#"],
        [DealColumn.Account] = ["客户名称", "客户", "公司", "公司名称", "企业名称", "company", "account", "customer", "companyname", "accountname"],
        [DealColumn.Title] = ["商机名称", "商机", "标题", "商机标题", "项目名称", "title", "opportunity", "opportunityname", "deal", "dealname"],
        [DealColumn.Amount] = ["金额", "预计金额", "商机金额", "amount", "value", "dealvalue", "expectedamount"],
        [DealColumn.Currency] = ["币种", "货币", "currency"],
        [DealColumn.Stage] = ["阶段", "销售阶段", "商机阶段", "stage", "salesstage"],
        [DealColumn.Source] = ["来源", "线索来源", "商机来源", "source", "leadsource"],
        [DealColumn.Contact] = ["联系人", "联系人姓名", "contact", "contactname"],
        [DealColumn.Phone] = ["电话", "联系电话", "手机", "手机号", "phone", "mobile", "telephone", "tel"],
        [DealColumn.Email] = ["邮箱", "电子邮箱", "邮件", "email", "mail"],
        [DealColumn.DecisionMaker] = ["决策人", "decisionmaker", "dm"],
        [DealColumn.Owner] = ["负责人", "销售", "跟进人", "归属人", "owner", "salesrep", "rep", "assignedto"],
        [DealColumn.NextStep] = ["下一步", "下一步行动", "nextstep", "nextaction"],
        [DealColumn.NextStepDue] = ["下一步时间", "下一步截止时间", "下次跟进时间", "nextstepdue", "nextstepdate", "due"],
        [DealColumn.LossReason] = ["输单原因", "lossreason", "lostreason"],
        [DealColumn.LossNote] = ["输单说明", "输单备注", "lossnote"],
        [DealColumn.QuotedAmount] = ["报价金额", "报价", "quotedamount", "quote"],
        [DealColumn.DiscountPercent] = ["折扣", "折扣率", "折扣(%)", "discount", "discount%", "discountpercent"],
        [DealColumn.CompanySize] = ["公司规模", "companysize"],
        [DealColumn.Urgency] = ["需求紧迫度", "紧迫度", "urgency"],
        [DealColumn.DecisionMakerAccess] = ["决策人接触度", "decisionmakeraccess", "dmaccess"],
        [DealColumn.ProductFit] = ["产品匹配度", "productfit"],
        [DealColumn.Budget] = ["预算已明确", "预算", "budget", "budgetknown"],
        [DealColumn.Authority] = ["已接触决策层", "决策权", "authority", "authorityinvolved"],
        [DealColumn.Need] = ["需求已确认", "需求", "need", "needconfirmed"],
        [DealColumn.Timeline] = ["采购时间已明确", "采购时间", "timeline", "timelineknown"],
    };

    private static readonly Dictionary<string, DealColumn> ByName = BuildIndex();

    /// <summary>The header an export writes for <paramref name="column"/> in <paramref name="locale"/>.</summary>
    public static string Header(DealColumn column, string locale) => Strings.Get(locale, "csv.header." + column);

    /// <summary>
    /// The column a header names, with the multiplier its unit implies (1, or 10,000 for 万); null when the header
    /// names no column (it is then ignored and listed in the report).
    /// </summary>
    public static (DealColumn Column, decimal Multiplier)? Find(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var name = Normalize(header);
        var multiplier = 1m;
        var open = name.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && name.EndsWith(')'))
        {
            var unit = name[(open + 1)..^1];
            name = name[..open];
            if (!ByName.TryGetValue(name, out var money) || money is not (DealColumn.Amount or DealColumn.QuotedAmount))
            {
                // Only money has units; "折扣(%)" is listed as a name of its own.
                return ByName.TryGetValue(name + "(" + unit + ")", out var whole) ? (whole, 1m) : null;
            }

            multiplier = unit switch
            {
                "元" or "人民币" or "rmb" or "cny" or "¥" or "yuan" => 1m,
                "万" or "万元" => 10_000m,
                _ => 0m,
            };
            return multiplier == 0m ? null : (money, multiplier);
        }

        return ByName.TryGetValue(name, out var column) ? (column, multiplier) : null;
    }

    /// <summary>Header text folded for comparison: width, case, spaces, '_', '-' and a trailing '*' do not matter.</summary>
    public static string Normalize(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var folded = NameNormalizer.FoldWidth(header).Trim().TrimEnd('*').ToLower(CultureInfo.InvariantCulture);
        return string.Concat(folded.Where(c => !char.IsWhiteSpace(c) && c is not '_' and not '-'));
    }

    private static Dictionary<string, DealColumn> BuildIndex()
    {
        var index = new Dictionary<string, DealColumn>(StringComparer.Ordinal);
        foreach (var (column, names) in Names)
        {
            foreach (var name in names)
            {
                index.Add(Normalize(name), column); // throws at start-up if two columns claim one name
            }
        }

        return index;
    }
}
