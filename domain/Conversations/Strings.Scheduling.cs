namespace OppBot.Domain.Conversations;

public static partial class Strings
{
    // The follow-up sweep (nudges, escalations, pool releases) and the weekly review.
    static partial void AddScheduling(Dictionary<string, (string Zh, string En)> table)
    {
        table["nudge.intro"] = ("⏰ 你有 {0} 个商机需要跟进：", "⏰ {0} deal(s) need your attention:");
        table["nudge.more"] = ("还有 {0} 个未列出，发送「我的商机」查看全部。", "{0} more not shown: send \"my deals\" to see them all.");
        table["nudge.reason.overdue"] = ("下一步「{0}」已于 {1} 到期", "Next step \"{0}\" was due {1}");
        table["nudge.reason.stage"] = ("在「{0}」阶段已 {1} 天（时限 {2} 天）", "{1} days in {0} (limit {2} days)");
        table["nudge.reason.noFollowUp"] = ("已 {0} 天没有跟进记录", "No follow-up logged for {0} days");
        table["nudge.fact.owner"] = ("负责人", "Owner");
        table["nudge.fact.amount"] = ("金额", "Amount");
        table["nudge.fact.nextStep"] = ("下一步", "Next step");
        table["nudge.noNextStep"] = ("未设置", "Not set");
        table["nudge.action.done"] = ("✅ 已跟进", "✅ Done");
        table["nudge.action.snooze1"] = ("推迟 1 天", "Snooze 1 day");
        table["nudge.action.snooze3"] = ("推迟 3 天", "Snooze 3 days");
        table["nudge.action.snoozeWeek"] = ("推迟一周", "Snooze a week");
        table["nudge.action.pause"] = ("暂停提醒", "Pause");
        table["nudge.action.open"] = ("查看", "Open");
        table["nudge.released.title"] = ("{0} 个商机已释放到公海", "{0} deal(s) released to the pool");
        table["nudge.released.text"] = ("超过 {0} 天没有任何操作，已释放给团队认领。", "Nothing was done with them for more than {0} days, so the team may claim them now.");
        table["escalation.intro"] = ("⚠️ 你的团队有 {0} 个商机停滞超过阶段时限的两倍：", "⚠️ {0} deal(s) in your team have been stuck for more than twice their stage limit:");
        table["escalation.reason"] = ("在「{0}」阶段已 {1} 天（时限 {2} 天）", "{1} days in {0} (limit {2} days)");

        table["weekly.title"] = ("📊 {0} 周报 · {1} – {2}", "📊 {0} weekly review · {1} – {2}");
        table["weekly.fact.new"] = ("新增商机", "New deals");
        table["weekly.fact.won"] = ("赢单", "Won");
        table["weekly.fact.lost"] = ("输单", "Lost");
        table["weekly.fact.open"] = ("在途商机", "Open pipeline");
        table["weekly.countAmount"] = ("{0} 个 · {1}", "{0} · {1}");
        table["weekly.openValue"] = ("{0} 个 · {1}（加权 {2}）", "{0} · {1} ({2} weighted)");
        table["weekly.section.won"] = ("本周赢单", "Won this week");
        table["weekly.line.won"] = ("{0} — {1}（{2}）", "{0} — {1} ({2})");
        table["weekly.section.lost"] = ("本周输单", "Lost this week");
        table["weekly.line.lost"] = ("{0} — {1} · {2}", "{0} — {1} · {2}");
        table["weekly.section.atRisk"] = ("停滞 / 有风险（{0}）", "Stalled / at risk ({0})");
        table["weekly.line.atRisk"] = ("{0}：{1}", "{0}: {1}");
        table["weekly.risk.stage"] = ("本阶段 {0} 天（时限 {1} 天）", "{0} days in stage (limit {1})");
        table["weekly.risk.noFollowUp"] = ("{0} 天未跟进", "no follow-up for {0} days");
        table["weekly.risk.overdue"] = ("下一步已逾期", "next step overdue");
        table["weekly.risk.flagged"] = ("已上报经理", "escalated");
        table["weekly.section.top"] = ("加权金额前 {0}", "Top {0} by weighted amount");
        table["weekly.line.top"] = ("{0}. {1} — 加权 {2}（{3}）", "{0}. {1} — {2} weighted ({3})");
        table["weekly.section.nextSteps"] = ("各人下一步", "Next steps by rep");
        table["weekly.line.nextSteps"] = ("{0}：{1}", "{0}: {1}");
        table["weekly.noNextSteps"] = ("没有安排下一步", "no next steps planned");
        table["weekly.separator"] = ("；", "; ");
        table["weekly.none"] = ("无", "None");
        table["weekly.nobody"] = ("公海", "Pool");
        table["weekly.action.pipeline"] = ("查看漏斗", "Pipeline");
        table["weekly.rep.intro"] = ("📋 周复盘：你有 {0} 个在途商机，加权金额 {1}。一键更新：", "📋 Weekly review: you have {0} open deal(s), {1} weighted. Update them in one tap:");
        table["weekly.stage"] = ("{0} · 第 {1} 天", "{0} · day {1}");
        table["weekly.action.advance"] = ("推进", "Advance");
        table["weekly.action.next"] = ("下一步", "Next step");
        table["weekly.action.lost"] = ("输单", "Lost");
        table["weekly.rollup.intro"] = ("📈 {0} 本周汇总", "📈 {0} weekly rollup");
        table["weekly.rollup.title"] = ("{0} · 按销售", "{0} · by rep");
        table["weekly.rollup.line"] = ("在途 {0} 个 · 加权 {1} · 本周赢单 {2} 个（{3}） · 风险 {4} 个", "{0} open · {1} weighted · won {2} this week ({3}) · {4} at risk");
    }
}
