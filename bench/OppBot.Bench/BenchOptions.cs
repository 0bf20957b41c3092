using System.Globalization;

namespace OppBot.Bench;

/// <summary>The command line: <c>run [--quick] [--only chat|scale] [--duration s] [--out file]</c>, or a scale cell.</summary>
internal sealed class BenchOptions
{
    public bool Quick { get; private set; }

    public string? Only { get; private set; }

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(1);

    public int[] Concurrencies { get; private set; } = [1, 16, 64];

    /// <summary>People (and Teams conversations) the chat load is spread over; see bench/README.md on pacing.</summary>
    public int ChatUsers { get; private set; } = 8192;

    /// <summary>WeCom callbacks prepared per second of a cell (more than OppBot can take).</summary>
    public int WeComBudgetPerSecond { get; private set; } = 3000;

    /// <summary>Deal counts of the scheduler and report cells.</summary>
    public int[] ScaleSizes { get; private set; } = [10_000, 100_000, 1_000_000];

    /// <summary>The largest PostgreSQL size measured (seeding 1M there takes minutes the first time).</summary>
    public int PostgreSqlMaxDeals { get; private set; } = int.MaxValue;

    public string RepoRoot { get; private set; } = Directory.GetCurrentDirectory();

    public string BotDll { get; private set; } = "";

    public string PeerDir => Path.Combine(RepoRoot, "bench", "peer");

    public string CacheDir => Path.Combine(RepoRoot, "bench", ".cache");

    public string? Output { get; private set; }

    public string? PostgreSql { get; private set; } = Environment.GetEnvironmentVariable("OPPBOT_BENCH_PG") ?? Environment.GetEnvironmentVariable("OPPBOT_TEST_PG");

    public IReadOnlyList<string> Rest { get; private set; } = [];

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick":
                    o.Quick = true;
                    break;
                case "--only":
                    o.Only = Next();
                    break;
                case "--duration":
                    o.Duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture));
                    break;
                case "--warmup":
                    o.Warmup = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture));
                    break;
                case "--concurrency":
                    o.Concurrencies = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--users":
                    o.ChatUsers = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--sizes":
                    o.ScaleSizes = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--pg-max-deals":
                    o.PostgreSqlMaxDeals = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--repo":
                    o.RepoRoot = Path.GetFullPath(Next());
                    break;
                case "--bot":
                    o.BotDll = Path.GetFullPath(Next());
                    break;
                case "--out":
                    o.Output = Next();
                    break;
                case "--pg":
                    o.PostgreSql = Next();
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (o.Quick)
        {
            o.Duration = TimeSpan.FromSeconds(1);
            o.Warmup = TimeSpan.FromSeconds(0.5);
            o.Concurrencies = [1, 16];
            o.ChatUsers = 2048;
            o.ScaleSizes = [10_000];
        }

        o.Rest = rest;
        return o;
    }
}
