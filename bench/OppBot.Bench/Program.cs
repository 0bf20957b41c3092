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
            _ => Usage(),
        };
    }

    private static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var workDir = Directory.CreateTempSubdirectory("oppbot-bench-").FullName;
        Console.Error.WriteLine($"bench: working in {workDir}");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var chat = await new ChatBenchmark(options, http, workDir).RunAsync(cancellationToken);
        foreach (var cell in chat.Cells)
        {
            Console.WriteLine(ChatBenchmark.Describe(cell));
        }

        Console.WriteLine(chat.Startup);
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: OppBot.Bench run [--quick] [--only chat|scale] [--duration s] [--out docs/performance.md]");
        return 2;
    }
}
