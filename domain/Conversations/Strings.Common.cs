namespace OppBot.Domain.Conversations;

public static partial class Strings
{
    private static void AddCommon(Dictionary<string, (string Zh, string En)> t)
    {
        // Greeting and help
        t["welcome"] = ("你好 {0}，我是 OppBot，帮你在聊天里管理商机。", "Hi {0}, I'm OppBot: your sales pipeline, right here in chat.");
        t["help.title"] = ("OppBot 能做什么", "What OppBot can do");
        t["help.capture"] = ("录入线索", "Capture leads");
        t["help.newlead"] = ("新建商机 —— 打开线索表单", "new lead — open the lead form");
        t["help.quick"] = ("线索 华为 ERP升级 50万 来源=展会 —— 一句话录入", "lead Acme \"CRM rollout\" 1.2m source=expo — one-line capture");
        t["help.work"] = ("跟进商机", "Work your deals");
        t["help.mydeals"] = ("我的商机 / 团队商机", "my deals / team deals");
        t["help.show"] = ("查看 #42", "show #42");
        t["help.find"] = ("搜索 <客户/标题/联系人>", "find <company, title or contact>");
        t["help.log"] = ("跟进 #42 <内容>", "log #42 <note>");
        t["help.next"] = ("下一步 #42 明天 下午3点 <内容>", "next #42 tomorrow 3pm <what>");
        t["help.advance"] = ("推进 #42 —— 进入下一阶段", "advance #42 — move to the next stage");
        t["help.close"] = ("赢单 #42 / 输单 #42", "won #42 / lost #42");
        t["help.team"] = ("团队", "Team");
        t["help.pool"] = ("公海 / 认领 #42", "pool / claim #42");
        t["help.pipeline"] = ("漏斗 / 评审 / 报表", "pipeline / review / report");
        t["help.subscribe"] = ("在团队频道或群里说「订阅」接收播报", "say subscribe in a team channel or group to get broadcasts there");
        t["help.settings"] = ("个人设置", "Settings");
        t["help.lang"] = ("lang zh|en · tz Asia/Shanghai · hours 9-18", "lang zh|en · tz Asia/Shanghai · hours 9-18");

        // Buttons
        t["action.newlead"] = ("新建商机", "New lead");
        t["action.mydeals"] = ("我的商机", "My deals");
        t["action.pipeline"] = ("漏斗", "Pipeline");
        t["action.pool"] = ("公海", "Pool");
        t["action.review"] = ("评审", "Review");
        t["action.create"] = ("创建", "Create");
        t["action.createAnyway"] = ("仍然创建", "Create anyway");
        t["action.join"] = ("加入 #{0} 协作", "Join #{0} as collaborator");
        t["action.cancel"] = ("取消", "Cancel");
        t["action.log"] = ("记跟进", "Log");
        t["action.next"] = ("下一步", "Next step");
        t["action.advance"] = ("推进", "Advance");
        t["action.won"] = ("赢单", "Won");
        t["action.lost"] = ("输单", "Lost");
        t["action.release"] = ("放入公海", "Release to pool");
        t["action.claim"] = ("认领", "Claim");
        t["action.claimNumber"] = ("认领 #{0}", "Claim #{0}");
        t["action.reopen"] = ("重新打开", "Reopen");
        t["action.save"] = ("保存", "Save");
        t["action.show"] = ("查看", "Open");
        t["action.back"] = ("退回", "Move back");
        t["action.pause"] = ("暂停提醒", "Pause reminders");
        t["action.approve"] = ("批准", "Approve");
        t["action.reject"] = ("驳回", "Reject");
        t["action.nextPage"] = ("下一页", "Next page");
        t["action.advanceNumber"] = ("推进 #{0}", "Advance #{0}");
        t["action.nextNumber"] = ("#{0} 下一步", "Next step #{0}");

        // Fields
        t["field.account"] = ("客户名称", "Company");
        t["field.title"] = ("商机标题", "Title");
        t["field.amount"] = ("金额", "Amount");
        t["field.amount.hint"] = ("如 50万、1.2亿、¥500,000", "e.g. 500k, 1.2m, ¥500,000");
        t["field.source"] = ("线索来源", "Lead source");
        t["field.contact"] = ("联系人", "Contact");
        t["field.phone"] = ("联系电话", "Phone");
        t["field.email"] = ("邮箱", "Email");
        t["field.dm"] = ("决策人", "Decision maker");
        t["field.nextWhat"] = ("下一步行动", "Next step");
        t["field.nextWhen"] = ("下一步时间", "Next step due");
        t["field.nextWhen.hint"] = ("如 明天、周五 15:00、下周一、2026-12-01", "e.g. tomorrow, fri 3pm, next week, 2026-12-01");
        t["field.companySize"] = ("公司规模 (0-10)", "Company size (0-10)");
        t["field.urgency"] = ("需求紧迫度 (0-10)", "Urgency (0-10)");
        t["field.dmAccess"] = ("决策人接触度 (0-10)", "Decision-maker access (0-10)");
        t["field.productFit"] = ("产品匹配度 (0-10)", "Product fit (0-10)");
        t["field.budget"] = ("预算已明确 (B)", "Budget known (B)");
        t["field.authority"] = ("已接触决策层 (A)", "Authority involved (A)");
        t["field.need"] = ("需求已确认 (N)", "Need confirmed (N)");
        t["field.timeline"] = ("采购时间已明确 (T)", "Timeline known (T)");
        t["field.quoted"] = ("报价金额", "Quoted amount");
        t["field.note"] = ("内容", "Note");
        t["field.reason"] = ("原因", "Reason");
        t["field.lossReason"] = ("输单原因", "Loss reason");
        t["field.comment"] = ("审批意见（可选）", "Comment (optional)");
        t["field.until"] = ("暂停到", "Pause until");

        // Forms
        t["form.required"] = ("必填", "Required");
        t["form.fix"] = ("请修改标红的字段，已填内容已保留。", "Please fix the fields marked below; what you entered is kept.");
        t["form.yes"] = ("是", "Yes");
        t["form.no"] = ("否", "No");
        t["form.skip"] = ("跳过", "Skip");
        t["form.yesno"] = ("请回答「是」或「否」。", "Please answer yes or no.");
        t["form.choose"] = ("请从下面的选项中选一个（点按钮或回复序号）。", "Please pick one of the options below (press a button or reply with its number).");
        t["form.current"] = ("当前值：{0}", "Current value: {0}");
        t["form.howto.required"] = ("直接回复即可；「上一步」返回，「取消」退出。", "Just reply; say back to go back, cancel to stop.");
        t["form.howto.optional"] = ("直接回复，或回复「跳过」；「上一步」返回，「取消」退出。", "Reply, or say skip; say back to go back, cancel to stop.");
        t["amount.invalid"] = ("看不懂金额「{0}」，可以写 50万、1.2亿、500k、¥500,000。", "Can't read the amount \"{0}\": try 500k, 1.2m, ¥500,000 or 50万.");
        t["date.invalid"] = ("看不懂时间「{0}」，可以写 明天、周五、下周一、3天后、12月1日、2026-12-01 15:00。", "Can't read the date \"{0}\": try tomorrow, fri, next week, 3d, Dec 1 or 2026-12-01 15:00.");
        t["source.invalid"] = ("未知来源「{0}」：展会、客户推荐、官网、社交媒体、第三方、其他。", "Unknown source \"{0}\": expo, referral, website, social media, third-party or other.");
        t["score.invalid"] = ("请填 0 到 10 的整数。", "Please enter a whole number from 0 to 10.");

        // Leads
        t["lead.formTitle"] = ("新建商机", "New lead");
        t["lead.created"] = ("已创建商机 #{0}，评级 {1}。", "Created deal #{0}, grade {1}.");
        t["lead.expired"] = ("这条线索的确认已过期，请重新录入。", "That lead's confirmation has expired; please enter it again.");
        t["quick.askMissing"] = ("还差几项信息，请补全：", "A few things are missing; please complete:");
        t["quick.notUnderstood"] = ("没看懂：{0}（可用 来源= 联系人= 决策人= 电话= 邮箱=）", "Not understood: {0} (keys: source= contact= dm= phone= email=)");
        t["dup.title"] = ("可能撞单", "Possible duplicate");
        t["dup.text"] = ("客户可能已在跟进中：{0}，负责人 {1}。", "This customer may already be worked: {0}, owned by {1}.");
        t["dup.line"] = ("{0} · 负责人 {1} · 最近活动 {2} · {3}", "{0} · owner {1} · last activity {2} · {3}");
        t["dup.reason.CompanyName"] = ("公司名相同", "same company");
        t["dup.reason.EmailDomain"] = ("邮箱域名相同", "same email domain");
        t["dup.reason.Phone"] = ("电话相同", "same phone");

        // Deal card
        t["card.stage"] = ("阶段", "Stage");
        t["card.owner"] = ("负责人", "Owner");
        t["card.nextStep"] = ("下一步", "Next step");
        t["card.noNextStep"] = ("未设置", "not set");
        t["card.lossReason"] = ("输单原因", "Loss reason");
        t["card.grade"] = ("评级 {0}（{1} 分）", "Grade {0} ({1} points)");
        t["card.scoreLine"] = ("{0}：{1} 分 × {2}% = {3}", "{0}: {1} × {2}% = {3}");
        t["card.followUps"] = ("最近跟进", "Recent follow-ups");
        t["card.noFollowUps"] = ("暂无跟进记录", "No follow-ups yet");
        t["card.daysInStage"] = ("{0}（{1} 天）", "{0} ({1} days)");
        t["mark.stalled"] = ("停滞", "stalled");
        t["mark.overdue"] = ("已逾期", "overdue");
        t["pool.nobody"] = ("公海", "team pool");
        t["log.title"] = ("记录跟进 {0}", "Log a follow-up on {0}");
        t["next.title"] = ("设置下一步 {0}", "Set the next step of {0}");
        t["lost.title"] = ("输单 {0}", "Close {0} as lost");
        t["back.title"] = ("{0} 退回到「{1}」", "Move {0} back to {1}");
        t["pause.title"] = ("暂停 {0} 的提醒", "Pause reminders for {0}");
        t["advance.title"] = ("推进 {0} 到「{1}」", "Advance {0} to {1}");
        t["advance.missing"] = ("离开当前阶段前还需要：{0}", "Before it can leave this stage: {0}");
        t["advance.criteria"] = ("「{0}」的出口条件", "Exit criteria of {0}");
        t["list.separator"] = ("、", ", ");

        // Lists
        t["list.mine"] = ("我的商机（{0}）", "My deals ({0})");
        t["list.team"] = ("团队商机（{0}）", "Team deals ({0})");
        t["list.page"] = ("第 {0}/{1} 页", "Page {0} of {1}");
        t["list.empty"] = ("暂无商机。说「新建商机」开始。", "No deals yet. Say new lead to start.");
        t["find.title"] = ("搜索「{0}」：{1} 条", "Search \"{0}\": {1} found");
        t["find.none"] = ("没有找到与「{0}」相关的商机。", "No deals match \"{0}\".");
        t["pool.title"] = ("团队公海（{0}）", "Team pool ({0})");
        t["pool.empty"] = ("公海里暂时没有商机。", "The team pool is empty.");

        // Pipeline
        t["pipeline.mine"] = ("我的销售漏斗", "My pipeline");
        t["pipeline.team"] = ("团队销售漏斗", "Team pipeline");
        t["pipeline.bar"] = ("{0} 个 · {1}", "{0} · {1}");
        t["pipeline.forecast"] = ("加权预测", "Weighted forecast");
        t["pipeline.won"] = ("赢单", "Won");
        t["pipeline.lost"] = ("输单", "Lost");
        t["pipeline.winRate"] = ("赢率", "Win rate");
        t["pipeline.countAmount"] = ("{0} 个 · {1}", "{0} · {1}");
        t["pipeline.conversions"] = ("阶段转化率", "Stage conversion");
        t["pipeline.conversion"] = ("{0} → {1}：{2}", "{0} → {1}: {2}");

        // Done
        t["done.joined"] = ("你已加入 #{0} 协作。", "You joined #{0} as collaborator.");
        t["done.reopened"] = ("#{0} 已重新打开。", "#{0} was reopened.");
        t["done.released"] = ("#{0} 已放入公海。", "#{0} was released to the team pool.");
        t["done.claimed"] = ("你已认领 #{0}。", "You claimed #{0}.");
        t["done.logged"] = ("已记录 #{0} 的跟进。", "Follow-up logged on #{0}.");
        t["done.moved"] = ("#{0} 已进入「{1}」。", "#{0} moved to {1}.");
        t["done.next"] = ("#{0} 下一步：{1}，{2}。", "#{0} next step: {1}, {2}.");
        t["done.lost"] = ("#{0} 已标记为输单。", "#{0} closed as lost.");
        t["done.snoozed"] = ("#{0} 的提醒推迟到 {1}。", "Reminders for #{0} snoozed until {1}.");
        t["done.paused"] = ("#{0} 的提醒暂停到 {1}（{2}）。", "Reminders for #{0} paused until {1} ({2}).");
        t["next.badDate"] = ("没看懂时间。例如：下一步 #42 明天 下午3点 给客户打电话", "Couldn't read the date. Example: next #42 tomorrow 3pm call the CFO");

        // Approvals
        t["approval.title"] = ("审批：#{0} 阶段推进", "Approval: moving #{0}");
        t["approval.deal"] = ("商机", "Deal");
        t["approval.move"] = ("申请推进", "Requested move");
        t["approval.reason"] = ("需审批原因", "Why approval");
        t["approval.reason.Amount"] = ("金额达到 {0}", "amount at or above {0}");
        t["approval.reason.Discount"] = ("折扣超过 {1}%", "discount above {1}%");
        t["approval.requester"] = ("申请人", "Requested by");
        t["approval.history"] = ("最近动态", "Recent history");
        t["approval.waiting"] = ("等待 {0} 审批", "Waiting for {0}");
        t["approval.decided"] = ("{0}：{1}，{2}，意见：{3}", "{0} by {1}, {2}. Comment: {3}");
        t["approval.status.Pending"] = ("待审批", "Pending");
        t["approval.status.Approved"] = ("已批准", "Approved");
        t["approval.status.Rejected"] = ("已驳回", "Rejected");
        t["approval.requested"] = ("#{0} 推进到「{1}」需要审批，已发给 {2}。", "Moving #{0} to {1} needs approval; sent to {2}.");
        t["approval.unknown"] = ("找不到这条审批。", "That approval no longer exists.");
        t["approval.already"] = ("#{0} 的审批已处理：{1}（{2}），未做更改。", "The approval for #{0} was already decided: {1} by {2}. Nothing changed.");
        t["approval.moved"] = ("#{0} 已进入「{1}」。", "#{0} moved to {1}.");
        t["approval.stillMissing"] = ("已批准，但仍缺少：{0}，商机未推进。", "Approved, but still missing: {0}; the deal did not move.");
        t["approval.notMoved"] = ("已批准，但商机未推进。", "Approved, but the deal did not move.");
        t["approval.rejectedNote"] = ("#{0} 保持在原阶段。", "#{0} stays where it is.");
        t["approval.decidedYou"] = ("已处理。{0}", "Done. {0}");
        t["approval.toRequester.approved"] = ("#{0} 的推进已被 {1} 批准。意见：{2}", "{1} approved moving #{0}. Comment: {2}");
        t["approval.toRequester.rejected"] = ("#{0} 的推进被 {1} 驳回。意见：{2}", "{1} rejected moving #{0}. Comment: {2}");

        // Broadcasts
        t["broadcast.moved"] = ("{0} 把 {1} 从「{2}」推进到「{3}」（{4}）", "{0} moved {1} from {2} to {3} ({4})");
        t["broadcast.won"] = ("🎉 {0} 赢单 {1}（{2}）", "🎉 {0} won {1} ({2})");
        t["broadcast.lost"] = ("{0} 输单 {1}（{2}），原因：{3}", "{0} lost {1} ({2}), reason: {3}");
        t["broadcast.gradeA"] = ("⭐ {0} 录入了 A 级线索 {1}（{2}）", "⭐ {0} captured a grade-A lead {1} ({2})");

        // Settings
        t["lang.usage"] = ("用法：lang zh 或 lang en", "Usage: lang zh or lang en");
        t["lang.done"] = ("好的，以后用中文和你交流。", "OK, I'll speak English from now on.");
        t["tz.usage"] = ("未知时区「{0}」。用法：tz Asia/Shanghai", "Unknown time zone \"{0}\". Usage: tz Asia/Shanghai");
        t["tz.done"] = ("时区已设为 {0}。", "Time zone set to {0}.");
        t["hours.usage"] = ("看不懂工作时间「{0}」。用法：hours 9-18 或 hours 09:30-18:00", "Can't read working hours \"{0}\". Usage: hours 9-18 or hours 09:30-18:00");
        t["hours.done"] = ("工作时间已设为 {0}–{1}（周一至周五）。", "Working hours set to {0}–{1} (Monday–Friday).");
        t["subscribe.personal"] = ("请在团队频道或群聊里说「订阅」。", "Say subscribe in a team channel or group chat, not here.");
        t["subscribe.done"] = ("这里将接收「{0}」团队的商机播报。", "This conversation now gets the {0} team's broadcasts.");

        // Dialogs
        t["cancel.done"] = ("已取消。", "Cancelled.");
        t["cancel.nothing"] = ("没有进行中的操作。", "Nothing to cancel.");
        t["back.nothing"] = ("没有可以返回的步骤。", "There is no step to go back to.");
        t["back.first"] = ("已经是第一步了。", "This is already the first question.");

        // Errors
        t["unknown"] = ("没看懂「{0}」。说「帮助」看看我能做什么。", "I didn't understand \"{0}\". Say help to see what I can do.");
        t["unknown.suggest"] = ("没看懂「{0}」。你是想说「{1}」吗？说「帮助」看看全部命令。", "I didn't understand \"{0}\". Did you mean \"{1}\"? Say help for everything I can do.");
        t["missing.number"] = ("请告诉我是哪个商机，例如：{0} #42", "Which deal? For example: {0} #42");
        t["deal.unknown"] = ("找不到商机 #{0}。", "There is no deal #{0}.");
        t["conflict"] = ("刚才有人同时修改了这个商机，你的操作没有保存，请再试一次。", "Someone else changed this deal at the same moment; your change was not saved. Please try again.");
        t["error.apology"] = ("抱歉，处理时出错了，请稍后再试。", "Sorry, something went wrong. Please try again.");

        // Refusals
        t["refusal.title-required"] = ("请填写商机标题。", "Please enter a title.");
        t["refusal.account-required"] = ("请填写客户名称。", "Please enter the company.");
        t["refusal.too-long"] = ("{0} 太长了（最多 {1} 个字）。", "{0} is too long (at most {1} characters).");
        t["refusal.amount-negative"] = ("金额不能为负数。", "The amount can't be negative.");
        t["refusal.amount-too-large"] = ("金额过大（上限 {0}），请检查。", "That amount looks too large (limit {0}); please check it.");
        t["refusal.currency-invalid"] = ("币种「{0}」无效，请用三个大写字母，如 CNY。", "Currency \"{0}\" is not valid; use a 3-letter code such as CNY.");
        t["refusal.score-out-of-range"] = ("{0} 的评分须在 0 到 10 之间。", "The {0} score must be between 0 and 10.");
        t["refusal.discount-out-of-range"] = ("折扣须在 0 到 100 之间。", "The discount must be between 0 and 100.");
        t["refusal.not-your-deal"] = ("#{0} 不是你的商机，只有负责人、协作人或经理可以修改。", "#{0} is not yours: only its owner, collaborators or the manager can change it.");
        t["refusal.not-visible"] = ("你没有查看 #{0} 的权限。", "You don't have access to #{0}.");
        t["refusal.unknown-stage"] = ("未知阶段「{0}」。", "Unknown stage \"{0}\".");
        t["refusal.already-in-stage"] = ("商机已经在这个阶段了。", "The deal is already in that stage.");
        t["refusal.closed"] = ("商机已关闭（{0}），需要经理重新打开。", "The deal is closed ({0}); a manager has to reopen it.");
        t["refusal.only-one-stage-back"] = ("一次只能退回一个阶段。", "A deal can only move back one stage at a time.");
        t["refusal.reason-required"] = ("请说明原因。", "Please give a reason.");
        t["refusal.unknown-loss-reason"] = ("请从列表中选择输单原因。", "Please choose a loss reason from the list.");
        t["refusal.loss-note-required"] = ("选择「其他」时请填写说明。", "Please add a note when the reason is Other.");
        t["refusal.manager-only"] = ("只有经理可以这样做。", "Only a manager can do that.");
        t["refusal.not-closed"] = ("商机还没有关闭。", "The deal is not closed.");
        t["refusal.not-in-pool"] = ("这个商机不在公海里。", "That deal is not in the pool.");
        t["refusal.already-in-pool"] = ("这个商机已经在公海里了。", "That deal is already in the pool.");
        t["refusal.open-deal-limit"] = ("你已有 {0} 个进行中的商机，达到上限。", "You already have {0} open deals, the limit.");
        t["refusal.note-required"] = ("请写下跟进内容。", "Please write what happened.");
        t["refusal.next-step-required"] = ("请写下下一步要做什么。", "Please say what the next step is.");
        t["refusal.due-in-past"] = ("时间不能早于现在。", "That time is in the past.");
        t["refusal.not-approver"] = ("只有 {0} 可以审批。", "Only {0} can decide this.");
        t["refusal.own-approval"] = ("不能审批自己的商机。", "Nobody approves their own deal.");
        t["refusal.no-approver"] = ("团队还没有可以审批的经理，请联系管理员。", "The team has no manager who could approve this; please ask an admin.");
        t["refusal.approval-pending"] = ("#{0} 已有待审批的申请。", "#{0} already has an approval waiting.");
        t["refusal.already-collaborator"] = ("你已经是这个商机的负责人或协作人。", "You already own or collaborate on that deal.");

        // Criteria and scores
        t["criterion.Contact"] = ("联系人", "a contact");
        t["criterion.Need"] = ("需求已确认", "confirmed need");
        t["criterion.DecisionMaker"] = ("决策人", "the decision maker");
        t["criterion.Budget"] = ("预算已明确", "a known budget");
        t["criterion.Authority"] = ("已接触决策层", "decision-maker involvement");
        t["criterion.Timeline"] = ("采购时间", "the purchase timeline");
        t["criterion.Amount"] = ("金额", "an amount");
        t["criterion.QuotedAmount"] = ("报价金额", "the quoted amount");
        t["criterion.NextStep"] = ("下一步", "a next step");
        t["score.CompanySize"] = ("公司规模", "Company size");
        t["score.Urgency"] = ("紧迫度", "Urgency");
        t["score.DecisionMakerAccess"] = ("决策人接触", "Decision-maker access");
        t["score.ProductFit"] = ("产品匹配", "Product fit");
    }
}
