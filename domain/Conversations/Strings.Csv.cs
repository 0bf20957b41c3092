namespace OppBot.Domain.Conversations;

public static partial class Strings
{
    // CSV import and export: column headers, problems (refusal.csv.*), and the chat replies.
    static partial void AddCsv(Dictionary<string, (string Zh, string En)> table)
    {
        table["csv.header.Number"] = ("编号", "Number");
        table["csv.header.Account"] = ("客户名称", "Company");
        table["csv.header.Title"] = ("商机名称", "Title");
        table["csv.header.Amount"] = ("金额", "Amount");
        table["csv.header.Currency"] = ("币种", "Currency");
        table["csv.header.Stage"] = ("阶段", "Stage");
        table["csv.header.Source"] = ("来源", "Source");
        table["csv.header.Contact"] = ("联系人", "Contact");
        table["csv.header.Phone"] = ("电话", "Phone");
        table["csv.header.Email"] = ("邮箱", "Email");
        table["csv.header.DecisionMaker"] = ("决策人", "Decision maker");
        table["csv.header.Owner"] = ("负责人", "Owner");
        table["csv.header.NextStep"] = ("下一步", "Next step");
        table["csv.header.NextStepDue"] = ("下一步时间", "Next step due");
        table["csv.header.LossReason"] = ("输单原因", "Loss reason");
        table["csv.header.LossNote"] = ("输单说明", "Loss note");
        table["csv.header.QuotedAmount"] = ("报价金额", "Quoted amount");
        table["csv.header.DiscountPercent"] = ("折扣(%)", "Discount %");
        table["csv.header.CompanySize"] = ("公司规模", "Company size");
        table["csv.header.Urgency"] = ("需求紧迫度", "Urgency");
        table["csv.header.DecisionMakerAccess"] = ("决策人接触度", "Decision-maker access");
        table["csv.header.ProductFit"] = ("产品匹配度", "Product fit");
        table["csv.header.Budget"] = ("预算已明确", "Budget known");
        table["csv.header.Authority"] = ("已接触决策层", "Authority involved");
        table["csv.header.Need"] = ("需求已确认", "Need confirmed");
        table["csv.header.Timeline"] = ("采购时间已明确", "Timeline known");
        table["csv.yes"] = ("是", "Yes");
        table["csv.no"] = ("否", "No");
        table["csv.pool"] = ("公海", "Pool");

        table["refusal.csv.too-large"] = ("文件超过 {0} MB，请拆分后分批导入。", "The file is larger than {0} MB; split it and import the parts one by one.");
        table["refusal.csv.workbook"] = ("这是 Excel 工作簿（.xlsx/.xls），不是 CSV。请在 Excel 中“另存为”CSV 后再发送。", "This is an Excel workbook (.xlsx/.xls), not CSV. Use \"Save As\" CSV in Excel and send that file.");
        table["refusal.csv.bad-encoding"] = ("文件编码无法识别（第 {0} 行起有无法读取的字节）：既不是 UTF-8 也不是 GBK。请另存为“CSV UTF-8”后再发送。", "The file's encoding is not readable (unreadable bytes from line {0}): it is neither UTF-8 nor GBK. Save it as \"CSV UTF-8\" and send it again.");
        table["refusal.csv.unclosed-quote"] = ("第 {0} 行开始的引号没有闭合，文件其余部分无法读取。", "A quote opened on line {0} is never closed, so the rest of the file cannot be read.");
        table["refusal.csv.too-many-rows"] = ("行数过多：一次最多导入 {0} 行，请拆分后分批导入。", "Too many rows: at most {0} rows can be imported at once; split the file and import the parts one by one.");
        table["refusal.csv.empty"] = ("文件是空的，第一行应为表头。", "The file is empty; its first row should be the header.");
        table["refusal.csv.no-rows"] = ("文件只有表头，没有商机数据。", "The file has a header but no deals.");
        table["refusal.csv.missing-column"] = ("缺少必填列。", "this required column is missing.");
        table["refusal.csv.duplicate-column"] = ("列出现了两次（「{0}」）。", "the column appears twice (\"{0}\").");
        table["refusal.csv.required"] = ("必填，不能为空。", "required; the cell is empty.");
        table["refusal.csv.amount-invalid"] = ("「{0}」不是有效金额（如 50万、1.2亿、500000）。", "\"{0}\" is not an amount (e.g. 500k, 1.2m, 500000).");
        table["refusal.csv.currency-conflict"] = ("金额是 {0}，币种列却是 {1}。", "the amount is in {0} but the currency column says {1}.");
        table["refusal.csv.stage-unknown"] = ("没有「{0}」这个阶段（可用：{1}）。", "there is no stage \"{0}\" (use one of: {1}).");
        table["refusal.csv.source-unknown"] = ("没有「{0}」这个来源（展会、客户推荐、官网、社交媒体、第三方、其他）。", "there is no source \"{0}\" (expo, referral, website, social media, third party, other).");
        table["refusal.csv.owner-unknown"] = ("你的团队里没有叫「{0}」的人。", "nobody called \"{0}\" is in your team.");
        table["refusal.csv.owner-ambiguous"] = ("团队里有 {1} 个人叫「{0}」，无法确定是谁。", "{1} people in your team are called \"{0}\"; it is not clear who is meant.");
        table["refusal.csv.date-invalid"] = ("「{0}」不是有效时间（如 2026-12-01 15:00）。", "\"{0}\" is not a date (e.g. 2026-12-01 15:00).");
        table["refusal.csv.date-too-far"] = ("「{0}」超过五年以后。", "\"{0}\" is more than five years ahead.");
        table["refusal.csv.next-step-without-due"] = ("有下一步就需要下一步时间。", "a next step needs a due time.");
        table["refusal.csv.due-without-next-step"] = ("有时间但没有下一步内容。", "a due time without a next step.");
        table["refusal.csv.loss-reason-required"] = ("输单需要输单原因（可用：{0}）。", "a lost deal needs a loss reason (one of: {0}).");
        table["refusal.csv.loss-reason-unknown"] = ("没有「{0}」这个输单原因（可用：{1}）。", "there is no loss reason \"{0}\" (use one of: {1}).");
        table["refusal.csv.loss-reason-not-lost"] = ("只有输单的商机才有输单原因。", "only a lost deal has a loss reason.");
        table["refusal.csv.score-invalid"] = ("「{0}」应为 0 到 10 的整数。", "\"{0}\" should be a whole number from 0 to 10.");
        table["refusal.csv.yes-no-invalid"] = ("「{0}」应为 是 或 否。", "\"{0}\" should be yes or no.");
        table["refusal.csv.discount-invalid"] = ("「{0}」应为 0 到 100 的百分比。", "\"{0}\" should be a percentage from 0 to 100.");

        table["csv.problem.column"] = ("「{0}」列：{1}", "Column \"{0}\": {1}");
        table["csv.problem.row"] = ("第 {0} 行：{1}", "Row {0}: {1}");
        table["csv.problem.cell"] = ("第 {0} 行「{1}」：{2}", "Row {0}, {1}: {2}");
        table["csv.duplicate.existing"] = ("第 {0} 行：疑似与 #{1} {2} 重复（{3}）", "Row {0}: looks like #{1} {2} ({3})");
        table["csv.duplicate.inFile"] = ("第 {0} 行：与第 {1} 行是同一客户（{2}）", "Row {0}: same customer as row {1} ({2})");
        table["csv.duplicate.CompanyName"] = ("公司名称相同", "same company");
        table["csv.duplicate.EmailDomain"] = ("邮箱域名相同", "same email domain");
        table["csv.duplicate.Phone"] = ("电话相同", "same phone");

        table["csv.report.dryTitle"] = ("导入预检：{0}", "Import check: {0}");
        table["csv.report.importTitle"] = ("导入：{0}", "Import: {0}");
        table["csv.report.rows"] = ("商机行数", "Deal rows");
        table["csv.report.encoding"] = ("文件编码", "Encoding");
        table["csv.report.problems"] = ("问题", "Problems");
        table["csv.report.duplicates"] = ("疑似重复", "Possible duplicates");
        table["csv.report.ignored"] = ("未识别的列（不导入）", "Columns not recognised (not imported)");
        table["csv.report.more"] = ("……还有 {0} 条未列出。", "… and {0} more not shown.");
        table["csv.report.fix"] = ("没有导入任何商机。请修改文件后重新发送「导入」并附上文件。", "Nothing was imported. Fix the file and send it again with \"import\".");
        table["csv.report.ready"] = ("检查通过：{0} 个商机可以导入，尚未写入任何数据。发送「导入 确认」开始导入（{1} 分钟内有效）。", "All good: {0} deal(s) can be imported; nothing has been written yet. Send \"import confirm\" to import them (within {1} minutes).");
        table["csv.report.readyDuplicates"] = ("{0} 个商机可以导入，但有 {1} 个疑似重复（撞单），尚未写入任何数据。发送「导入 确认 仍然」照样导入，或修改文件后重新发送。", "{0} deal(s) can be imported, but {1} look like duplicates; nothing has been written yet. Send \"import confirm anyway\" to import them as they are, or fix the file and send it again.");
        table["csv.report.duplicatesBlock"] = ("有 {0} 个疑似重复，没有导入任何商机。发送「导入 确认 仍然」照样导入。", "{0} row(s) look like duplicates, so nothing was imported. Send \"import confirm anyway\" to import them as they are.");
        table["csv.report.imported"] = ("✅ 已导入 {0} 个商机：#{1} – #{2}。", "✅ Imported {0} deal(s): #{1} – #{2}.");

        table["csv.import.usage"] = ("请在「导入」消息里附上 CSV 文件（Excel 另存为 CSV 或 CSV UTF-8）。先检查，确认后再写入。", "Attach a CSV file to the \"import\" message (in Excel: Save As CSV or CSV UTF-8). It is checked first and written only after you confirm.");
        table["csv.import.notAllowed"] = ("只有管理员和团队经理可以导入商机。", "Only admins and team managers can import deals.");
        table["csv.import.fetchFailed"] = ("读取附件「{0}」失败，请重新发送。", "The attachment \"{0}\" could not be read; please send it again.");
        table["csv.import.nothingPending"] = ("没有待确认的导入。请先发送「导入」并附上文件进行检查。", "There is no checked import to confirm. Send \"import\" with the file first.");
        table["csv.import.expired"] = ("待确认的导入已过期，请重新发送文件。", "The checked import has expired; please send the file again.");
        table["csv.export.ready"] = ("📄 已导出 {0} 个商机。下载链接（{2} 分钟内有效）：{1}", "📄 Exported {0} deal(s). Download link (valid for {2} minutes): {1}");
        table["csv.unavailable"] = ("此部署未开启导入导出。", "Import and export are not enabled on this installation.");
    }
}
