using System.Globalization;
using System.Text;
using OppBot.Bench.Chat;
using OppBot.Bench.Scale;

namespace OppBot.Bench;

/// <summary>
/// The one table: chat turns side by side with the ratios, WeCom callbacks, the scheduler and reports at scale,
/// start-up and memory, each row with its target from issue 10. Written between two markers of docs/performance.md
/// so a new run replaces the table and keeps the analysis written around it.
/// </summary>
internal static class Report
{
    public const string Start = "<!-- bench:table:start (written by bench/run.sh; edits inside are overwritten) -->";
    public const string End = "<!-- bench:table:end -->";

    public static string Table(ChatResults? chat, IReadOnlyList<ScaleResult> scale, string machine)
    {
        var sb = new StringBuilder();
        sb.AppendLine(machine).AppendLine();
        sb.AppendLine("| Area | Case | Size | OppBot | JS peer (botbuilder) | Floor | OppBot ÷ peer | OppBot ÷ floor | Target | Met |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        if (chat is not null)
        {
            foreach (var group in chat.Cells.Where(c => c.Scenario.StartsWith("chat", StringComparison.Ordinal)).GroupBy(c => (c.Scenario, c.Concurrency)).OrderBy(g => g.Key.Concurrency))
            {
                var oppbot = group.FirstOrDefault(c => c.Target == "OppBot");
                var peer = group.FirstOrDefault(c => c.Target == "JS peer");
                var floor = group.FirstOrDefault(c => c.Target == "Floor");
                var scenario = group.Key.Scenario["chat ".Length..];
                var at16 = group.Key.Concurrency == 16;
                string target = "", met = "";
                if (at16 && oppbot is not null)
                {
                    target = "p99 < 50 ms; ≥ 3× peer; ≥ ½ floor";
                    met = string.Join(" · ",
                        Mark("p99", oppbot.P99 < 50),
                        Mark("peer", peer is not null && oppbot.Throughput >= 3 * peer.Throughput),
                        Mark("floor", floor is not null && oppbot.Throughput >= 0.5 * floor.Throughput));
                }

                sb.AppendLine(Row("Teams turn", Describe(scenario), $"{group.Key.Concurrency} conv.", Cell(oppbot), Cell(peer), Cell(floor),
                    Ratio(oppbot, peer), Ratio(oppbot, floor), target, met));
            }

            foreach (var c in chat.Cells.Where(c => c.Scenario.StartsWith("wecom", StringComparison.Ordinal)).OrderBy(c => c.Concurrency))
            {
                var scenario = c.Scenario["wecom ".Length..];
                sb.AppendLine(Row("WeCom callback", scenario + " (decrypt, turn, ack)", $"{c.Concurrency} conv.", Cell(c), "", "", "", "", "", ""));
            }
        }

        foreach (var r in scale.OrderBy(r => r.Op).ThenBy(r => r.Database).ThenBy(r => r.Deals))
        {
            var (area, what, target, ok) = r.Op switch
            {
                "sweep" => ("Scheduler", "nudge + stall sweep", r.Deals >= 1_000_000 ? "< 2 s" : r.Deals == 100_000 ? "memory < 200 MB" : "", Met(r)),
                "review" => ("Scheduler", "weekly review, every team due", "", (Func<ScaleCellResult, bool>?)null),
                "reports" => ("Reports", "funnel + forecast (load + compute)", r.Deals >= 1_000_000 ? "< 300 ms" : "", Met(r)),
                _ => ("Seed", r.Op, "", null),
            };
            var size = r.Op == "review" ? $"{r.Deals / 100:N0} teams, {Size(r.Deals)} deals" : $"{Size(r.Deals)} deals";
            var value = r.Cell is { } c
                ? Invariant($"{Seconds(c.Seconds)}{(c.ComputeSeconds is { } cs ? $" (compute {Seconds(cs)})" : "")} · peak {c.PeakMb:F0} MB · {c.Detail}")
                : r.Failure ?? "";
            var met = target.Length == 0 ? "" : r.Cell is { } cell && ok is not null ? (ok(cell) ? "✓" : "✗") : "✗";
            sb.AppendLine(Row(area, $"{what} ({r.Database})", size, value, "", "", "", "", target, met));
        }

        if (chat is not null)
        {
            var s = chat.Startup;
            sb.AppendLine(Row("Start-up", "process start → /healthz 200, empty database (schema created)", "", Invariant($"{Seconds(s.EmptyDbSeconds)} · idle {s.EmptyIdleMb:F0} MB"), "", "", "", "", "", ""));
            sb.AppendLine(Row("Start-up", "process start → /healthz 200, the chat database", Invariant($"{s.SeededDeals:N0} deals"), Invariant($"{Seconds(s.SeededDbSeconds)} · idle {s.SeededIdleMb:F0} MB"), "", "", "", "", "", ""));
            sb.AppendLine(Row("Memory", "OppBot after the whole chat load", "", Invariant($"{s.AfterLoadMb:F0} MB now, peak {s.PeakMb:F0} MB"), "", "", "", "", "", ""));
        }

        return sb.ToString();
    }

    /// <summary>Replaces the table in <paramref name="path"/> (or creates the file around it).</summary>
    public static async Task WriteAsync(string path, string table, CancellationToken cancellationToken)
    {
        var block = Start + "\n" + table.TrimEnd() + "\n" + End;
        string text;
        if (File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken) is var existing
            && existing.IndexOf(Start, StringComparison.Ordinal) is var from and >= 0
            && existing.IndexOf(End, StringComparison.Ordinal) is var to and > 0)
        {
            text = existing[..from] + block + existing[(to + End.Length)..];
        }
        else
        {
            text = "# Performance\n\nRun `./bench/run.sh` (bench/README.md). The table:\n\n" + block + "\n";
        }

        await File.WriteAllTextAsync(path, text, cancellationToken);
    }

    private static Func<ScaleCellResult, bool>? Met(ScaleResult r) => r switch
    {
        { Op: "sweep", Deals: >= 1_000_000 } => c => c.Seconds < 2,
        { Op: "sweep", Deals: 100_000 } => c => c.PeakMb < 200,
        { Op: "reports", Deals: >= 1_000_000 } => c => c.Seconds < 0.3,
        _ => null,
    };

    private static string Describe(string scenario) => scenario switch
    {
        "help" => "`help` (card)",
        "show" => "`show #id` (deal card)",
        "log" => "`log #id note` (database write)",
        "approve" => "approval Action.Execute (invoke, card in response)",
        _ => scenario,
    };

    private static string Cell(CellResult? c) => c is null ? "" : c.Turns == 0
        ? Invariant($"no turn finished in {c.Seconds:F0} s")
        : Invariant($"{c.Throughput:F0}/s · p50 {c.P50:F1} · p95 {c.P95:F1} · p99 {c.P99:F1} ms{(c.Errors > 0 ? $" · {c.Errors} failed" : "")}");

    private static string Ratio(CellResult? a, CellResult? b) =>
        a is null || b is null || b.Throughput == 0 ? "" : Invariant($"{a.Throughput / b.Throughput:F2}×");

    private static string Mark(string what, bool ok) => $"{what} {(ok ? "✓" : "✗")}";

    private static string Seconds(double s) => s < 1 ? Invariant($"{s * 1000:F0} ms") : Invariant($"{s:F2} s");

    private static string Size(int deals) => deals >= 1_000_000 ? Invariant($"{deals / 1_000_000.0:0.#}M") : Invariant($"{deals / 1000:N0}k");

    private static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
