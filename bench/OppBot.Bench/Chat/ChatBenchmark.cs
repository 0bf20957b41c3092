using System.Text.Json;
using System.Text.Json.Nodes;
using OppBot.Bench.Support;

namespace OppBot.Bench.Chat;

/// <summary>Start-up and memory of the OppBot process.</summary>
internal sealed record StartupResult(double EmptyDbSeconds, double EmptyIdleMb, double SeededDbSeconds, double SeededIdleMb, int SeededDeals, double AfterLoadMb, double PeakMb);

/// <summary>Everything the chat part measured.</summary>
internal sealed record ChatResults(IReadOnlyList<CellResult> Cells, StartupResult Startup, IReadOnlyDictionary<string, int> RepliesPerTurn, int ApprovalsReused, string Notes);

/// <summary>
/// The chat benchmark: OppBot (its Release build, a separate process on a seeded SQLite file), the JS SDK peer and
/// the floor, each driven by the same load generator against the same connector fake, cell by cell and side by side:
/// for each concurrency, for each scenario, OppBot then the peer then the floor. Then OppBot's WeCom callback.
/// </summary>
internal sealed class ChatBenchmark(BenchOptions options, HttpClient http, string workDir)
{
    public static readonly string[] Scenarios = ["help", "show", "log", "approve"];
    public static readonly string[] WeComScenarios = ["help", "show", "log"];

    public async Task<ChatResults> RunAsync(CancellationToken cancellationToken)
    {
        await using var connector = await ConnectorFake.StartAsync(cancellationToken);
        var wecom = new WeComDriver(http);

        // Start-up on an empty database (the schema is created), then on the seeded one used below.
        var empty = Path.Combine(workDir, "empty.db");
        double emptySeconds, emptyIdle;
        using (var bot = StartOppBot(empty, connector, wecom, out var emptyUrl))
        {
            emptySeconds = await bot.WaitUntilHealthyAsync(http, new Uri(emptyUrl, "healthz"), TimeSpan.FromSeconds(60), cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            emptyIdle = ProcessMemory.CurrentMb(bot.Id) ?? double.NaN;
        }

        Console.Error.WriteLine($"chat: seeding {options.ChatUsers} people and {options.ChatUsers * 2} deals");
        var dbPath = Path.Combine(workDir, "chat.db");
        var data = await ChatSeed.SeedAsync(BenchDb.Sqlite(dbPath), connector.BaseUrl, options.ChatUsers, approvalsPerUser: 1, cancellationToken);

        using var oppbot = StartOppBot(dbPath, connector, wecom, out var oppbotUrl);
        var seededSeconds = await oppbot.WaitUntilHealthyAsync(http, new Uri(oppbotUrl, "healthz"), TimeSpan.FromSeconds(60), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var seededIdle = ProcessMemory.CurrentMb(oppbot.Id) ?? double.NaN;

        var driver = new TeamsDriver(http, connector, $"run{Environment.ProcessId}");
        var fixtures = await CalibrateAsync(driver, connector, oppbotUrl, data, cancellationToken);
        var fixturesPath = Path.Combine(workDir, "fixtures.json");
        await File.WriteAllTextAsync(fixturesPath, PeerFixtures(fixtures), cancellationToken);
        var replies = fixtures.Replies.ToDictionary(r => r.Key, r => r.Value.Count, StringComparer.Ordinal);

        var peerPort = ChildProcess.FreePort();
        using var peer = ChildProcess.Start(
            "node", [Path.Combine(options.PeerDir, "peer.mjs"), peerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), fixturesPath],
            new Dictionary<string, string> { ["NODE_ENV"] = "production" }, Path.Combine(workDir, "peer.log"), options.PeerDir);
        var peerUrl = new Uri($"http://127.0.0.1:{peerPort}/");
        await peer.WaitUntilHealthyAsync(http, new Uri(peerUrl, "healthz"), TimeSpan.FromSeconds(30), cancellationToken);
        await using var floor = await FloorBot.StartAsync(http, fixtures, cancellationToken);

        var targets = new (string Name, Uri Url)[] { ("OppBot", oppbotUrl), ("JS peer", peerUrl), ("Floor", floor.BaseUrl) };
        var approvals = new ApprovalCursor(data);
        var cells = new List<CellResult>();
        foreach (var concurrency in options.Concurrencies)
        {
            var pools = Pools(data, concurrency, 1, data.Users.Count - 1);
            foreach (var scenario in Scenarios)
            {
                foreach (var (name, url) in targets)
                {
                    var isOppBot = name == "OppBot";
                    LoadGenerator.Turn turn = scenario switch
                    {
                        "approve" => async (slot, seq, ct) =>
                        {
                            var user = pools[slot][(int)(seq % pools[slot].Count)];
                            var approval = isOppBot ? approvals.Next(user) : Guid.Empty;
                            return (await driver.InvokeAsync(url, user, approval, ct)).Latency;
                        },
                        _ => (slot, seq, ct) =>
                        {
                            var user = pools[slot][(int)(seq % pools[slot].Count)];
                            return driver.MessageAsync(url, user, Text(scenario, user, seq), replies[scenario], ct);
                        },
                    };
                    var cell = await LoadGenerator.RunAsync(name, "chat " + scenario, concurrency, options.Warmup, options.Duration, turn, cancellationToken);
                    cells.Add(cell);
                    Console.Error.WriteLine(Describe(cell) + FormattableString.Invariant($"  (HTTP response {driver.TakeMeanResponseMs():F1} ms)"));
                    await connector.DrainAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(15), cancellationToken);
                }
            }
        }

        // WeCom: the people below talk over WeCom once first (their WeCom address is remembered: one write each).
        // After the 64-conversation cells OppBot still has replies queued: let it deliver them first.
        await connector.DrainAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), cancellationToken);
        var wecomPeople = Math.Min(4096, data.Users.Count - 1);
        await PrimeWeComAsync(wecom, oppbotUrl, data, wecomPeople, cancellationToken);
        foreach (var concurrency in options.Concurrencies)
        {
            var pools = Pools(data, concurrency, 1, wecomPeople);
            foreach (var scenario in WeComScenarios)
            {
                var budget = (int)Math.Ceiling(options.WeComBudgetPerSecond * (options.Warmup + options.Duration).TotalSeconds / concurrency);
                var prepared = pools.Select(pool => Enumerable.Range(0, budget).Select(i => wecom.Prepare(pool[i % pool.Count], Text(scenario, pool[i % pool.Count], i))).ToArray()).ToArray();
                var exhausted = 0;
                var cell = await LoadGenerator.RunAsync("OppBot", "wecom " + scenario, concurrency, options.Warmup, options.Duration, async (slot, seq, ct) =>
                {
                    if (seq >= prepared[slot].Length)
                    {
                        Interlocked.Increment(ref exhausted);
                        await Task.Delay(1000, ct);
                        return null;
                    }

                    return await wecom.SendAsync(oppbotUrl, prepared[slot][seq], ct);
                }, cancellationToken);
                cells.Add(cell);
                Console.Error.WriteLine(Describe(cell) + (exhausted > 0 ? " (prepared callbacks ran out: raise --wecom-budget)" : ""));
                await connector.DrainAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(15), cancellationToken);
            }
        }

        var afterLoad = ProcessMemory.CurrentMb(oppbot.Id) ?? double.NaN;
        var peak = ProcessMemory.PeakMb(oppbot.Id) ?? double.NaN;
        var startup = new StartupResult(emptySeconds, emptyIdle, seededSeconds, seededIdle, data.Users.Count * 2, afterLoad, peak);
        return new ChatResults(cells, startup, replies, approvals.Reused, "");
    }

    public static string Describe(CellResult c) =>
        FormattableString.Invariant($"{c.Scenario,-14} {c.Target,-8} x{c.Concurrency,-3} {c.Throughput,8:F0}/s  p50 {c.P50,7:F2}  p95 {c.P95,7:F2}  p99 {c.P99,7:F2} ms  errors {c.Errors}");

    private static string Text(string scenario, BenchUser user, long seq) => scenario switch
    {
        "help" => "help",
        "show" => $"show #{user.DealNumber}",
        "log" => $"log #{user.DealNumber} called the customer ({seq})",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    /// <summary>The people of users[first..last], dealt out to the conversations' slots: each person is used by one slot only.</summary>
    private static List<BenchUser>[] Pools(ChatData data, int concurrency, int first, int last)
    {
        var pools = Enumerable.Range(0, concurrency).Select(_ => new List<BenchUser>()).ToArray();
        for (var i = first; i <= last; i++)
        {
            pools[(i - first) % concurrency].Add(data.Users[i]);
        }

        return pools;
    }

    private ChildProcess StartOppBot(string dbPath, ConnectorFake connector, WeComDriver wecom, out Uri url)
    {
        var port = ChildProcess.FreePort();
        url = new Uri($"http://127.0.0.1:{port}/");
        var never = "0 0 0 1 1 ? 2099"; // the jobs stay out of the measurements (the scale part measures them)
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Benchmark",
            ["DOTNET_ENVIRONMENT"] = "Benchmark",
            ["Database__Provider"] = "Sqlite",
            ["Database__ConnectionString"] = $"Data Source={dbPath}",
            ["Bot__MicrosoftAppId"] = "",
            ["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable("OPPBOT_BENCH_BOT_LOG") ?? "Warning",
            ["WeCom__CorpId"] = WeComDriver.CorpId,
            ["WeCom__AgentId"] = WeComDriver.AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["WeCom__Secret"] = WeComDriver.Secret,
            ["WeCom__Token"] = WeComDriver.Token,
            ["WeCom__EncodingAESKey"] = wecom.EncodingAesKey,
            ["WeCom__ApiBaseUrl"] = connector.BaseUrl.AbsoluteUri,
            ["WeCom__RobotBaseUrl"] = connector.BaseUrl.AbsoluteUri,
            ["WeCom__MessagesPerUserPerMinute"] = "30",
            ["FollowUps__SweepCron"] = never,
            ["Review__CheckCron"] = never,
        };
        // Diagnostics: OPPBOT_BENCH_BOT_LOG=Information, OPPBOT_BENCH_BOT_SQL_LOG=Information (every SQL command with its time).
        if (Environment.GetEnvironmentVariable("OPPBOT_BENCH_BOT_SQL_LOG") is { Length: > 0 } sql)
        {
            environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = sql;
        }

        return ChildProcess.Start(
            "dotnet", [options.BotDll, "--urls", url.AbsoluteUri.TrimEnd('/')], environment,
            Path.Combine(workDir, Path.GetFileNameWithoutExtension(dbPath) + "-oppbot.log"), Path.GetDirectoryName(options.BotDll));
    }

    /// <summary>
    /// Sends each command twice as person 0 and keeps what OppBot answered the second time (the first turn of a
    /// kind may differ); the approval is decided twice, on two pending approvals.
    /// </summary>
    private static async Task<ChatFixtures> CalibrateAsync(TeamsDriver driver, ConnectorFake connector, Uri bot, ChatData data, CancellationToken cancellationToken)
    {
        var user = data.Users[0];
        var replies = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var scenario in new[] { "help", "show", "log" })
        {
            for (var run = 0; run < 2; run++)
            {
                connector.Capture(user.ConversationId);
                await driver.MessageAsync(bot, user, Text(scenario, user, run), int.MaxValue, cancellationToken);
                await connector.DrainAsync(TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(10), cancellationToken);
                replies[scenario] = connector.StopCapture(user.ConversationId);
            }

            if (replies[scenario].Count == 0)
            {
                throw new InvalidOperationException($"OppBot sent no reply to '{scenario}'; see the OppBot log in the run folder.");
            }
        }

        var invoke = "";
        foreach (var approval in data.ApprovalsByApprover[0].Take(2))
        {
            (_, invoke) = await driver.InvokeAsync(bot, user, approval, cancellationToken);
        }

        await connector.DrainAsync(TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(10), cancellationToken);
        return new ChatFixtures(replies, invoke);
    }

    /// <summary>The peer's fixtures: the replies without the addressing the SDK fills in itself.</summary>
    private static string PeerFixtures(ChatFixtures fixtures)
    {
        var replies = new JsonObject();
        foreach (var (scenario, list) in fixtures.Replies)
        {
            var array = new JsonArray();
            foreach (var json in list)
            {
                var activity = JsonNode.Parse(json)!.AsObject();
                foreach (var key in new[] { "id", "conversation", "from", "recipient", "replyToId", "serviceUrl", "channelId" })
                {
                    activity.Remove(key);
                }

                array.Add(activity);
            }

            replies[scenario] = array;
        }

        return new JsonObject { ["replies"] = replies, ["invoke"] = JsonNode.Parse(fixtures.InvokeBody) }.ToJsonString();
    }

    private static async Task PrimeWeComAsync(WeComDriver wecom, Uri bot, ChatData data, int people, CancellationToken cancellationToken)
    {
        var prepared = Enumerable.Range(1, people).Select(i => wecom.Prepare(data.Users[i], "help")).ToArray();
        var failed = 0;
        await Parallel.ForEachAsync(prepared, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (callback, ct) =>
        {
            try
            {
                if (await wecom.SendAsync(bot, callback, ct) is null)
                {
                    Interlocked.Increment(ref failed);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref failed);
            }
        });
        if (failed > 0)
        {
            Console.Error.WriteLine($"wecom: {failed} of {people} first callbacks failed or timed out");
        }
    }

    /// <summary>Each approval is decided once; when a person's run out, the last one is pressed again (counted).</summary>
    private sealed class ApprovalCursor(ChatData data)
    {
        private readonly int[] _next = new int[data.Users.Count];
        private int _reused;

        public int Reused => _reused;

        public Guid Next(BenchUser user)
        {
            var list = data.ApprovalsByApprover[user.Index];
            var i = _next[user.Index]++;
            if (i < list.Count)
            {
                return list[i];
            }

            Interlocked.Increment(ref _reused);
            return list.Count > 0 ? list[^1] : Guid.Empty;
        }
    }
}
