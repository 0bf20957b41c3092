namespace OppBot.Domain.Conversations;

/// <summary>What a user asked for, parsed from text or a card submission.</summary>
public abstract record ChatCommand
{
    /// <summary>help / 帮助.</summary>
    public sealed record Help : ChatCommand;

    /// <summary>new lead / 新建商机: the lead form, optionally prefilled.</summary>
    public sealed record NewLead(IReadOnlyDictionary<string, string> Prefill) : ChatCommand;

    /// <summary>lead … : one-line capture with what was understood.</summary>
    public sealed record QuickLead(IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Problems) : ChatCommand;

    /// <summary>The lead form was submitted.</summary>
    public sealed record SubmitLead(IReadOnlyDictionary<string, string> Values, bool IgnoreDuplicates) : ChatCommand;

    /// <summary>Join an existing deal as collaborator instead of creating a duplicate.</summary>
    public sealed record Join(int Number) : ChatCommand;

    /// <summary>my deals / 我的商机.</summary>
    public sealed record MyDeals(int Page) : ChatCommand;

    /// <summary>team deals / 团队商机.</summary>
    public sealed record TeamDeals(int Page) : ChatCommand;

    /// <summary>show #42 / 查看 #42.</summary>
    public sealed record Show(int Number) : ChatCommand;

    /// <summary>find text / 搜索 文本.</summary>
    public sealed record Find(string Text) : ChatCommand;

    /// <summary>log #42 note / 跟进 #42 内容; an empty note opens the log form.</summary>
    public sealed record Log(int Number, string? Note, string? NextWhen, string? NextWhat) : ChatCommand;

    /// <summary>next #42 when what / 下一步 #42 时间 内容; empty opens the form.</summary>
    public sealed record Next(int Number, string? Text) : ChatCommand;

    /// <summary>advance #42 / 推进 #42, optionally with values for the missing criteria.</summary>
    public sealed record Advance(int Number, IReadOnlyDictionary<string, string>? Values) : ChatCommand;

    /// <summary>Move back one stage with a reason.</summary>
    public sealed record MoveBack(int Number, string? Reason) : ChatCommand;

    /// <summary>won #42 / 赢单 #42.</summary>
    public sealed record Won(int Number) : ChatCommand;

    /// <summary>lost #42 [reason] / 输单 #42 [原因].</summary>
    public sealed record Lost(int Number, string? Reason, string? Note) : ChatCommand;

    /// <summary>reopen #42 / 重新打开 #42 (managers).</summary>
    public sealed record Reopen(int Number) : ChatCommand;

    /// <summary>pool / 公海.</summary>
    public sealed record Pool : ChatCommand;

    /// <summary>claim #42 / 认领 #42.</summary>
    public sealed record Claim(int Number) : ChatCommand;

    /// <summary>release #42 / 释放 #42.</summary>
    public sealed record Release(int Number) : ChatCommand;

    /// <summary>pipeline / 漏斗.</summary>
    public sealed record Pipeline : ChatCommand;

    /// <summary>review / 评审.</summary>
    public sealed record Review : ChatCommand;

    /// <summary>report / 报表: the weekly report and the leaderboard.</summary>
    public sealed record Report : ChatCommand;

    /// <summary>apikey … / 接口密钥 …: create, revoke or list API keys (admins).</summary>
    public sealed record ApiKeys(string Text) : ChatCommand;

    /// <summary>lang zh|en.</summary>
    public sealed record Language(string? Value) : ChatCommand;

    /// <summary>tz Asia/Shanghai.</summary>
    public sealed record TimeZone(string? Value) : ChatCommand;

    /// <summary>hours 9-18.</summary>
    public sealed record Hours(string? Value) : ChatCommand;

    /// <summary>subscribe / 订阅.</summary>
    public sealed record Subscribe : ChatCommand;

    /// <summary>import / 导入 with a CSV file checks it; import confirm / 导入 确认 imports it (admins and managers).</summary>
    public sealed record Import(bool Confirm, bool AllowDuplicates) : ChatCommand;

    /// <summary>export / 导出: the deals the user may see, as CSV behind a short-lived download link.</summary>
    public sealed record Export : ChatCommand;

    /// <summary>Approve or reject an approval from its card.</summary>
    public sealed record Decide(Guid ApprovalId, bool Approve, string? Comment) : ChatCommand;

    /// <summary>Refresh a card (Teams user-specific views).</summary>
    public sealed record RefreshApproval(Guid ApprovalId) : ChatCommand;

    /// <summary>Snooze nudges of a deal for some days.</summary>
    public sealed record Snooze(int Number, int Days) : ChatCommand;

    /// <summary>Pause nudges until a date, for a reason.</summary>
    public sealed record Pause(int Number, string? Until, string? Reason) : ChatCommand;

    /// <summary>cancel / 取消.</summary>
    public sealed record Cancel : ChatCommand;

    /// <summary>back / 上一步.</summary>
    public sealed record Back : ChatCommand;

    /// <summary>Plain text while a step-by-step form waits for an answer.</summary>
    public sealed record Answer(string Text) : ChatCommand;

    /// <summary>Something that was not understood; <paramref name="Suggestion"/> is the closest command.</summary>
    public sealed record Unknown(string Text, string? Suggestion) : ChatCommand;

    /// <summary>A command that needs a deal number was given none (or a bad one).</summary>
    public sealed record MissingNumber(string Command) : ChatCommand;
}
