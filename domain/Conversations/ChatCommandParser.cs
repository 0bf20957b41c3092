using System.Globalization;
using System.Text;
using OppBot.Domain.Text;

namespace OppBot.Domain.Conversations;

/// <summary>
/// Turns chat text or card submissions into a <see cref="ChatCommand"/>. English and Chinese aliases,
/// insensitive to case, full-width/half-width characters and spacing. Never throws for user input.
/// </summary>
public static class ChatCommandParser
{
    // Longest aliases first so "new lead" wins over "lead" and "team deals" over "team".
    private static readonly (string Alias, string Verb)[] Aliases = new (string Alias, string Verb)[]
    {
        ("help", "help"), ("帮助", "help"), ("?", "help"), ("菜单", "help"), ("menu", "help"),
        ("new lead", "newlead"), ("newlead", "newlead"), ("新建商机", "newlead"), ("新商机", "newlead"), ("新建线索", "newlead"),
        ("lead", "lead"), ("线索", "lead"), ("商机", "lead"),
        ("my deals", "mydeals"), ("mydeals", "mydeals"), ("我的商机", "mydeals"),
        ("team deals", "teamdeals"), ("teamdeals", "teamdeals"), ("团队商机", "teamdeals"),
        ("show", "show"), ("查看", "show"), ("open", "show"),
        ("find", "find"), ("search", "find"), ("搜索", "find"), ("查找", "find"),
        ("log", "log"), ("跟进", "log"),
        ("next", "next"), ("下一步", "next"),
        ("advance", "advance"), ("推进", "advance"),
        ("back", "back"), ("上一步", "back"), ("返回", "back"),
        ("won", "won"), ("win", "won"), ("赢单", "won"),
        ("lost", "lost"), ("lose", "lost"), ("输单", "lost"),
        ("reopen", "reopen"), ("重新打开", "reopen"), ("重开", "reopen"),
        ("pool", "pool"), ("公海", "pool"),
        ("claim", "claim"), ("认领", "claim"),
        ("release", "release"), ("释放", "release"), ("放入公海", "release"),
        ("pipeline", "pipeline"), ("funnel", "pipeline"), ("漏斗", "pipeline"),
        ("review", "review"), ("评审", "review"), ("商机评审", "review"),
        ("report", "report"), ("报表", "report"), ("周报", "report"),
        ("apikey", "apikey"), ("api key", "apikey"), ("接口密钥", "apikey"),
        ("lang", "lang"), ("language", "lang"), ("语言", "lang"),
        ("tz", "tz"), ("timezone", "tz"), ("时区", "tz"),
        ("hours", "hours"), ("工作时间", "hours"),
        ("subscribe", "subscribe"), ("订阅", "subscribe"),
        ("import", "import"), ("导入", "import"), ("export", "export"), ("导出", "export"),
        ("cancel", "cancel"), ("取消", "cancel"),
        ("snooze", "snooze"), ("稍后提醒", "snooze"),
    }.OrderByDescending(a => a.Alias.Length).ToArray();

    /// <summary>The command words shown in help and used for "did you mean".</summary>
    public static IReadOnlyList<string> KnownWords { get; } = Aliases.Select(a => a.Alias).Where(a => a.Length > 1).ToList();

    /// <summary>Parses a message. <paramref name="inDialog"/>: a step-by-step form waits for an answer.</summary>
    public static ChatCommand Parse(string? text, IReadOnlyDictionary<string, string>? submit, bool inDialog = false)
    {
        if (submit is not null && submit.TryGetValue(CardAction.VerbKey, out var verb))
        {
            return FromSubmit(verb, submit);
        }

        var original = NameNormalizer.FoldWidth(text ?? string.Empty).Trim();
        original = string.Join(' ', original.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (original.Length == 0)
        {
            return inDialog ? new ChatCommand.Answer(string.Empty) : new ChatCommand.Help();
        }

        var lower = original.ToLowerInvariant();
        var match = Aliases.FirstOrDefault(a => StartsWithWord(lower, a.Alias));
        if (match.Alias is null)
        {
            return inDialog ? new ChatCommand.Answer(original) : new ChatCommand.Unknown(original, Closest(lower));
        }

        var rest = original[match.Alias.Length..].Trim();
        if (inDialog && match.Verb is not ("cancel" or "back" or "help"))
        {
            // Inside a step-by-step form, anything but cancel/back/help is the answer to the question asked.
            return new ChatCommand.Answer(original);
        }

        return FromVerb(match.Verb, rest);
    }

    private static bool StartsWithWord(string text, string alias)
    {
        if (!text.StartsWith(alias, StringComparison.Ordinal))
        {
            return false;
        }

        if (text.Length == alias.Length)
        {
            return true;
        }

        var next = text[alias.Length];

        // Chinese aliases need no space before their argument ("查看#42", "跟进#42 内容"); English words do.
        return char.IsWhiteSpace(next) || next == '#' || !char.IsAsciiLetter(alias[^1]) || char.IsAsciiDigit(next);
    }

    private static ChatCommand FromVerb(string verb, string rest) => verb switch
    {
        "help" => new ChatCommand.Help(),
        "newlead" => new ChatCommand.NewLead(new Dictionary<string, string>()),
        "lead" => QuickLeadParser.Parse(rest),
        "mydeals" => new ChatCommand.MyDeals(PageOf(rest)),
        "teamdeals" => new ChatCommand.TeamDeals(PageOf(rest)),
        "show" => WithNumber(rest, verb, (n, _) => new ChatCommand.Show(n)),
        "find" => rest.Length == 0 ? new ChatCommand.MissingNumber(verb) : new ChatCommand.Find(rest),
        "log" => WithNumber(rest, verb, (n, r) => new ChatCommand.Log(n, NullIfEmpty(r), null, null)),
        "next" => WithNumber(rest, verb, (n, r) => new ChatCommand.Next(n, NullIfEmpty(r))),
        "advance" => WithNumber(rest, verb, (n, _) => new ChatCommand.Advance(n, null)),
        "back" => TryNumber(rest, out var n, out var r) ? new ChatCommand.MoveBack(n, NullIfEmpty(r)) : new ChatCommand.Back(),
        "won" => WithNumber(rest, verb, (n, _) => new ChatCommand.Won(n)),
        "lost" => WithNumber(rest, verb, (n, r) => LostWith(n, r)),
        "reopen" => WithNumber(rest, verb, (n, _) => new ChatCommand.Reopen(n)),
        "pool" => new ChatCommand.Pool(),
        "claim" => WithNumber(rest, verb, (n, _) => new ChatCommand.Claim(n)),
        "release" => WithNumber(rest, verb, (n, _) => new ChatCommand.Release(n)),
        "pipeline" => new ChatCommand.Pipeline(),
        "review" => new ChatCommand.Review(),
        "report" => new ChatCommand.Report(),
        "apikey" => new ChatCommand.ApiKeys(rest),
        "lang" => new ChatCommand.Language(NullIfEmpty(rest)),
        "tz" => new ChatCommand.TimeZone(NullIfEmpty(rest)),
        "hours" => new ChatCommand.Hours(NullIfEmpty(rest)),
        "subscribe" => new ChatCommand.Subscribe(),
        "import" => CsvCommands.ParseImport(rest),
        "export" => new ChatCommand.Export(),
        "cancel" => new ChatCommand.Cancel(),
        "snooze" => WithNumber(rest, verb, (n, r) => new ChatCommand.Snooze(n, int.TryParse(r.TrimEnd('d', '天'), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is > 0 and <= 90 ? d : 1)),
        _ => new ChatCommand.Unknown(rest, null),
    };

    private static ChatCommand LostWith(int number, string rest)
    {
        if (rest.Length == 0)
        {
            return new ChatCommand.Lost(number, null, null);
        }

        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        return space < 0
            ? new ChatCommand.Lost(number, rest, null)
            : new ChatCommand.Lost(number, rest[..space], rest[(space + 1)..].Trim());
    }

    private static ChatCommand WithNumber(string rest, string verb, Func<int, string, ChatCommand> make) =>
        TryNumber(rest, out var number, out var remainder) ? make(number, remainder) : new ChatCommand.MissingNumber(verb);

    /// <summary>Reads a deal number at the start of <paramref name="text"/>: "#42", "42", "＃42".</summary>
    public static bool TryNumber(string text, out int number, out string rest)
    {
        ArgumentNullException.ThrowIfNull(text);
        number = 0;
        rest = text;
        var s = text.TrimStart();
        var i = s.StartsWith('#') ? 1 : 0;
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i == start || i - start > 9 || (i < s.Length && !char.IsWhiteSpace(s[i]) && char.IsAsciiLetterOrDigit(s[i])))
        {
            return false;
        }

        if (!int.TryParse(s.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out number) || number <= 0)
        {
            return false;
        }

        rest = s[i..].Trim();
        return true;
    }

    private static int PageOf(string rest) =>
        int.TryParse(rest.TrimStart('p', 'P', '第').TrimEnd('页'), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1;

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static ChatCommand FromSubmit(string verb, IReadOnlyDictionary<string, string> data)
    {
        int Number() => data.TryGetValue("n", out var s) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        string? Value(string key) => data.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        Guid Approval() => Guid.TryParse(Value("approval"), out var id) ? id : Guid.Empty;

        return verb switch
        {
            Verbs.Help => new ChatCommand.Help(),
            Verbs.NewLead => new ChatCommand.NewLead(new Dictionary<string, string>()),
            Verbs.SubmitLead => new ChatCommand.SubmitLead(data, IgnoreDuplicates: false),
            Verbs.CreateAnyway => new ChatCommand.SubmitLead(data, IgnoreDuplicates: true),
            Verbs.Join => new ChatCommand.Join(Number()),
            Verbs.MyDeals => new ChatCommand.MyDeals(int.TryParse(Value("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1),
            Verbs.TeamDeals => new ChatCommand.TeamDeals(int.TryParse(Value("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var tp) && tp > 0 ? tp : 1),
            Verbs.Show => new ChatCommand.Show(Number()),
            Verbs.Log => new ChatCommand.Log(Number(), Value("note"), Value("nextWhen"), Value("nextWhat")),
            Verbs.Next => new ChatCommand.Next(Number(), Value("nextWhen") is { } when ? $"{when} {Value("nextWhat")}".Trim() : null),
            Verbs.Advance => new ChatCommand.Advance(Number(), data),
            Verbs.MoveBack => new ChatCommand.MoveBack(Number(), Value("reason")),
            Verbs.Won => new ChatCommand.Won(Number()),
            Verbs.Lost => new ChatCommand.Lost(Number(), Value("reason"), Value("note")),
            Verbs.Reopen => new ChatCommand.Reopen(Number()),
            Verbs.Pool => new ChatCommand.Pool(),
            Verbs.Claim => new ChatCommand.Claim(Number()),
            Verbs.Release => new ChatCommand.Release(Number()),
            Verbs.Pipeline => new ChatCommand.Pipeline(),
            Verbs.Review => new ChatCommand.Review(),
            Verbs.Report => new ChatCommand.Report(),
            Verbs.Approve => new ChatCommand.Decide(Approval(), true, Value("comment")),
            Verbs.Reject => new ChatCommand.Decide(Approval(), false, Value("comment")),
            Verbs.RefreshApproval => new ChatCommand.RefreshApproval(Approval()),
            Verbs.Snooze => new ChatCommand.Snooze(Number(), int.TryParse(Value("days"), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is > 0 and <= 90 ? d : 1),
            Verbs.Pause => new ChatCommand.Pause(Number(), Value("until"), Value("reason")),
            Verbs.Answer => new ChatCommand.Answer(Value("value") ?? string.Empty),
            Verbs.Cancel => new ChatCommand.Cancel(),
            Verbs.Back => new ChatCommand.Back(),
            _ => new ChatCommand.Unknown(verb, null),
        };
    }

    /// <summary>The known command closest to what was typed, if it is close enough to be a typo.</summary>
    public static string? Closest(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var head = text.Split(' ', 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var alias in KnownWords)
        {
            var words = alias.Count(c => c == ' ') + 1;
            var candidate = string.Join(' ', head.Take(words));
            var distance = Distance(candidate, alias);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = alias;
            }
        }

        return best is not null && bestDistance <= (best.Length <= 3 ? 1 : 2) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            d[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var previous = d[0];
            d[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var temp = d[j];
                d[j] = Math.Min(Math.Min(d[j] + 1, d[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = temp;
            }
        }

        return d[b.Length];
    }
}
