namespace OppBot.Domain.Imports;

/// <summary>The columns of a deals CSV, in the order an export writes them.</summary>
public enum DealColumn
{
    /// <summary>编号 / Number: written by the export for reference; an import gives every deal a new number.</summary>
    Number,

    /// <summary>客户名称 / Company. Required.</summary>
    Account,

    /// <summary>商机名称 / Title. Required.</summary>
    Title,

    /// <summary>金额 / Amount ("50万", "1.2m", "¥500,000"). Required.</summary>
    Amount,

    /// <summary>币种 / Currency (ISO code; the amount's own symbol also counts).</summary>
    Currency,

    /// <summary>阶段 / Stage, by code or name in either language; empty means the first stage.</summary>
    Stage,

    /// <summary>来源 / Source.</summary>
    Source,

    /// <summary>联系人 / Contact.</summary>
    Contact,

    /// <summary>电话 / Phone.</summary>
    Phone,

    /// <summary>邮箱 / Email.</summary>
    Email,

    /// <summary>决策人 / Decision maker.</summary>
    DecisionMaker,

    /// <summary>负责人 / Owner, by display name in the importer's team; empty means the importer, 公海/Pool the team pool.</summary>
    Owner,

    /// <summary>下一步 / Next step.</summary>
    NextStep,

    /// <summary>下一步时间 / Next step due (ISO 8601, "2026-12-01 15:00" in the importer's time zone, or "下周一").</summary>
    NextStepDue,

    /// <summary>输单原因 / Loss reason, for lost deals.</summary>
    LossReason,

    /// <summary>输单说明 / Loss note.</summary>
    LossNote,

    /// <summary>报价金额 / Quoted amount.</summary>
    QuotedAmount,

    /// <summary>折扣 / Discount in percent.</summary>
    DiscountPercent,

    /// <summary>公司规模 / Company size score, 0–10.</summary>
    CompanySize,

    /// <summary>需求紧迫度 / Urgency score, 0–10.</summary>
    Urgency,

    /// <summary>决策人接触度 / Decision-maker access score, 0–10.</summary>
    DecisionMakerAccess,

    /// <summary>产品匹配度 / Product fit score, 0–10.</summary>
    ProductFit,

    /// <summary>预算已明确 / Budget known (BANT), yes or no.</summary>
    Budget,

    /// <summary>已接触决策层 / Authority involved (BANT), yes or no.</summary>
    Authority,

    /// <summary>需求已确认 / Need confirmed (BANT), yes or no.</summary>
    Need,

    /// <summary>采购时间已明确 / Timeline known (BANT), yes or no.</summary>
    Timeline,
}
