using OppBot.Bench.Chat;

namespace OppBot.Bench;

/// <summary>
/// OppBot's benchmark suite (bench/README.md). <c>run</c> measures everything and writes the table;
/// <c>scale-cell</c> is one scheduler or report measurement in a process of its own (started by <c>run</c>).
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var verb = options.Rest.FirstOrDefault() ?? "run";
        return verb switch
        {
            "run" => await RunAsync(options, cancel.Token),
            "scale-cell" => await Scale.ScaleCell.RunAsync(options.Rest, cancel.Token),
            _ => Usage(),
        };
    }

    private static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var workDir = Directory.CreateTempSubdirectory("oppbot-bench-").FullName;
        Console.Error.WriteLine($"bench: working in {workDir}");
        var loadBefore = LoadAverage();
        var started = TimeProvider.System.GetUtcNow();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        IReadOnlyList<Scale.ScaleResult> scale = [];
        if (options.Only != "chat")
        {
            scale = await new Scale.ScaleBenchmark(options, workDir).RunAsync(cancellationToken);
        }

        ChatResults? chat = null;
        if (options.Only != "scale")
        {
            chat = await new ChatBenchmark(options, http, workDir).RunAsync(cancellationToken);
        }

        var machine = Machine(options, started, loadBefore, LoadAverage(), chat);
        var table = Report.Table(chat, scale, machine);
        Console.WriteLine(table);
        if (options.Output is { } output)
        {
            await Report.WriteAsync(Path.GetFullPath(output, options.RepoRoot), table, cancellationToken);
            Console.Error.WriteLine($"bench: table written to {output}");
        }

        return 0;
    }

    // Where and when the numbers were taken: they are only comparable on the same machine under the same load.
    private static string Machine(BenchOptions options, DateTimeOffset started, string loadBefore, string loadAfter, ChatResults? chat)
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var mode = options.Quick ? "quick (smoke check, not for comparison)" : "full";
        var cells = FormattableString.Invariant($"{options.Warmup.TotalSeconds:0.#} s warm-up + {options.Duration.TotalSeconds:0.#} s per cell");
        var replies = chat is null ? "" : "; replies per turn " + string.Join(", ", chat.RepliesPerTurn.Select(r => $"{r.Key} {r.Value}"));
        var reused = chat is { ApprovalsReused: > 0 } ? $"; {chat.ApprovalsReused} approval presses hit an already decided approval" : "";
        return $"Run {started:yyyy-MM-dd HH:mm} UTC, {mode}, {cells}: {model ?? "unknown CPU"}, {Environment.ProcessorCount} cores, {memory ?? "?"} RAM, " +
            $".NET {Environment.Version}, load average {loadBefore} before and {loadAfter} after{replies}{reused}.";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static int Usage()
    {
        Console.Error.WriteLine("usage: OppBot.Bench run [--quick] [--only chat|scale] [--duration s] [--out docs/performance.md]");
        return 2;
    }
}
