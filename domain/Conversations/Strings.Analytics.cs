namespace OppBot.Domain.Conversations;

public static partial class Strings
{
    // The weekly report (report / 报表), the leaderboard, the analytics added to the pipeline card, and API keys.
    static partial void AddAnalytics(Dictionary<string, (string Zh, string En)> table)
    {
        table["report.title"] = ("📊 周报 · {0} – {1}", "📊 Weekly report · {0} – {1}");
        table["report.scope.team"] = ("团队：{0}", "Team: {0}");
        table["report.scope.all"] = ("全部团队", "All teams");
        table["report.fact.new"] = ("新增商机", "New deals");
        table["report.fact.advanced"] = ("推进", "Advanced");
        table["report.fact.won"] = ("赢单", "Won");
        table["report.fact.lost"] = ("输单", "Lost");
        table["report.fact.forecast"] = ("本月预测 vs 目标", "This month: forecast vs target");
        table["report.fact.stalled"] = ("停滞商机", "Stalled deals");
        table["report.countAmount"] = ("{0} 个 · {1}", "{0} · {1}");
        table["report.forecast"] = ("{0} / 目标 {1}（{2}）", "{0} of {1} target ({2})");
        table["report.forecast.noTarget"] = ("{0}（未设目标）", "{0} (no target set)");
        table["report.bar.won"] = ("本月已赢单", "Won this month");
        table["report.bar.projected"] = ("本月预测（已赢单 + 加权）", "Projected (won + weighted)");
        table["report.bar.target"] = ("月目标", "Monthly target");
        table["report.section.stalled"] = ("停滞商机 Top {0}", "Top {0} stalled deals");
        table["report.line.stalled"] = ("{0} · {1} {2} 天（时限 {3} 天）· {4}", "{0} · {2} days in {1} (limit {3}) · {4}");
        table["report.section.reps"] = ("各人本周", "By rep this week");
        table["report.line.rep"] = ("{0}：新增 {1} · 推进 {2} · 赢单 {3}（{4}）· 输单 {5} · 跟进 {6} 次 · 在途 {7}（加权 {8}）· 逾期 {9}", "{0}: {1} new · {2} advanced · {3} won ({4}) · {5} lost · {6} follow-ups · {7} open ({8} weighted) · {9} overdue");
        table["report.none"] = ("无", "None");
        table["report.unknownPerson"] = ("（未知）", "(unknown)");

        table["leaderboard.title"] = ("🏆 排行榜 · {0}", "🏆 Leaderboard · {0}");
        table["leaderboard.bar"] = ("{0} / 目标 {1}（{2}）", "{0} of {1} ({2})");
        table["leaderboard.bar.noTarget"] = ("{0}（未设目标）", "{0} (no target)");
        table["leaderboard.team"] = ("团队合计", "Team");
        table["leaderboard.section"] = ("赢率 · 跟进 · 逾期下一步", "Win rate · follow-ups · overdue next steps");
        table["leaderboard.line"] = ("{0}：赢率 {1} · 跟进 {2} 次 · 逾期 {3}", "{0}: win rate {1} · {2} follow-ups · {3} overdue");
        table["leaderboard.empty"] = ("本月还没有数据。", "Nothing yet this month.");

        table["analytics.forecast.month"] = ("本月加权预测", "Weighted forecast, this month");
        table["analytics.forecast.quarter"] = ("本季加权预测", "Weighted forecast, this quarter");
        table["analytics.forecast.value"] = ("{0}（{1} 个商机预计本期成交）", "{0} ({1} deals expected to close)");
        table["analytics.section.durations"] = ("阶段耗时（平均 / 中位）", "Days per stage (average / median)");
        table["analytics.line.duration"] = ("{0}：{1} / {2} 天（{3} 次）", "{0}: {1} / {2} days ({3} stays)");
        table["analytics.cycle.won"] = ("赢单周期", "Won cycle");
        table["analytics.cycle.lost"] = ("输单周期", "Lost cycle");
        table["analytics.section.loss"] = ("输单原因", "Loss reasons");
        table["analytics.line.loss"] = ("{0}：{1} 个（{2}）· {3}", "{0}: {1} ({2}) · {3}");
        table["analytics.section.sources"] = ("线索来源质量", "Lead source quality");
        table["analytics.line.source"] = ("{0}：{1} 个 · 赢单 {2} 个（转化 {3}）· 赢单金额 {4}", "{0}: {1} deals · {2} won ({3} converted) · {4} won");
        table["analytics.noData"] = ("—", "—");

        table["apikey.usage"] = (
            "用法：接口密钥 创建 <名称> <Rep|Manager> <团队> · 接口密钥 吊销 <名称> · 接口密钥 列表",
            "Usage: apikey create <name> <Rep|Manager> <team> · apikey revoke <name> · apikey list");
        table["apikey.adminOnly"] = ("只有管理员可以管理接口密钥。", "Only admins manage API keys.");
        table["apikey.personalOnly"] = ("请在与 OppBot 的私聊里创建密钥：密钥只显示一次，不应出现在群聊或频道里。", "Create keys in your personal chat with OppBot: a key is shown once and must not land in a group or channel.");
        table["apikey.badName"] = ("名称「{0}」无效：1–40 个小写字母、数字或 - _ .", "The name \"{0}\" is not valid: 1–40 lower-case letters, digits, - _ or .");
        table["apikey.badRole"] = ("角色「{0}」无效：接口密钥只能是 Rep 或 Manager。", "The role \"{0}\" is not valid: API keys act as Rep or Manager.");
        table["apikey.unknownTeam"] = ("没有团队「{0}」。", "There is no team \"{0}\".");
        table["apikey.nameTaken"] = ("已有名为「{0}」的有效密钥：先吊销它，或换个名称。", "A key named \"{0}\" is active already: revoke it first or choose another name.");
        table["apikey.created"] = (
            "🔑 已为「{0}」创建接口密钥（{1}，团队 {2}）。密钥只显示这一次，请立即妥善保存：\n\n{3}\n\n调用 API 时放在请求头 Authorization: Bearer <密钥> 或 X-Api-Key: <密钥> 中。",
            "🔑 API key for \"{0}\" created ({1}, team {2}). It is shown this once only, so store it safely now:\n\n{3}\n\nSend it to the API as Authorization: Bearer <key> or X-Api-Key: <key>.");
        table["apikey.unknown"] = ("没有名为「{0}」的有效密钥。", "There is no active key named \"{0}\".");
        table["apikey.revoked"] = ("已吊销密钥「{0}」，立即失效。", "Key \"{0}\" revoked: it stops working now.");
        table["apikey.list.title"] = ("接口密钥（{0}）", "API keys ({0})");
        table["apikey.list.line"] = ("**{0}** · {1} · 团队 {2} · {3} · {4} · 创建于 {5}", "**{0}** · {1} · team {2} · {3} · {4} · created {5}");
        table["apikey.status.active"] = ("有效", "active");
        table["apikey.status.revoked"] = ("已吊销（{0}）", "revoked {0}");
        table["apikey.list.empty"] = ("还没有接口密钥。", "No API keys yet.");
    }
}
