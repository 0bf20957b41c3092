using System.Globalization;
using System.Text.Json;
using Npgsql;
using OppBot.Bench.Support;

namespace OppBot.Bench.Scale;

/// <summary>A scale measurement: an operation over a database of a size.</summary>
internal sealed record ScaleResult(string Op, string Database, int Deals, ScaleCellResult? Cell, string? Failure, double SeedSeconds);

/// <summary>
/// The scheduler and report part: for SQLite (and PostgreSQL when a server is configured), for each size, a seeded
/// database (cached: bench/.cache/ for SQLite files, a template database on the server; seeding is the slow part) is
/// copied and measured by one <see cref="ScaleCell"/> process per operation, each with a time limit.
/// </summary>
internal sealed class ScaleBenchmark(BenchOptions options, string workDir)
{
    public async Task<IReadOnlyList<ScaleResult>> RunAsync(CancellationToken cancellationToken)
    {
        var results = new List<ScaleResult>();
        var databases = new List<string> { "SQLite" };
        if (!string.IsNullOrWhiteSpace(options.PostgreSql))
        {
            databases.Add("PostgreSQL");
        }

        foreach (var database in databases)
        {
            foreach (var deals in options.ScaleSizes.Where(d => database == "SQLite" || d <= options.PostgreSqlMaxDeals))
            {
                double seed;
                string source;
                try
                {
                    (source, seed) = database == "SQLite" ? await SqliteAsync(deals, cancellationToken) : await PostgresAsync(deals, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Console.Error.WriteLine($"scale: seeding {deals} deals on {database} failed: {ex.Message}");
                    results.Add(new ScaleResult("seed", database, deals, null, ex.Message, 0));
                    continue;
                }

                var ops = new List<string> { "sweep", "reports" };
                if (deals == 100_000 || options.Quick)
                {
                    ops.Add("review");
                }

                foreach (var op in ops)
                {
                    var result = await CellAsync(op, database, deals, source, seed, cancellationToken);
                    Console.Error.WriteLine(Describe(result));
                    results.Add(result);
                }
            }
        }

        return results;
    }

    public static string Describe(ScaleResult r) => r.Cell is { } c
        ? FormattableString.Invariant($"{r.Op,-8} {r.Database,-10} {r.Deals,9:N0} deals  {c.Seconds,8:F2} s  peak {c.PeakMb,6:F0} MB  {c.Detail}")
        : FormattableString.Invariant($"{r.Op,-8} {r.Database,-10} {r.Deals,9:N0} deals  {r.Failure}");

    private TimeSpan Limit => options.Quick ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(45);

    private async Task<ScaleResult> CellAsync(string op, string database, int deals, string source, double seed, CancellationToken cancellationToken)
    {
        // Operations that write run on a copy; reports only read the cached database.
        string target;
        Func<Task> cleanup;
        if (database == "SQLite")
        {
            target = op == "reports" ? source : Path.Combine(workDir, $"{op}-{deals}.db");
            if (op != "reports")
            {
                File.Copy(source, target, overwrite: true);
            }

            cleanup = () =>
            {
                if (op != "reports")
                {
                    foreach (var file in new[] { target, target + "-wal", target + "-shm" })
                    {
                        File.Delete(file);
                    }
                }

                return Task.CompletedTask;
            };
        }
        else
        {
            var name = $"oppbot_bench_run_{op}_{Environment.ProcessId}";
            if (op == "reports")
            {
                target = WithDatabase(source);
                cleanup = () => Task.CompletedTask;
            }
            else
            {
                await ExecAsync($"DROP DATABASE IF EXISTS {name}", cancellationToken);
                await ExecAsync($"CREATE DATABASE {name} TEMPLATE {source}", cancellationToken);
                target = WithDatabase(name);
                cleanup = () => ExecAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", CancellationToken.None);
            }

            if (op == "reports")
            {
                target = WithDatabase(source);
            }
        }

        var resultPath = Path.Combine(workDir, $"{op}-{database}-{deals}.json");
        try
        {
            using var cell = ChildProcess.Start(
                "dotnet",
                [typeof(ScaleCell).Assembly.Location, "scale-cell", op, database == "SQLite" ? "sqlite" : "pg", target, resultPath],
                new Dictionary<string, string>(),
                Path.Combine(workDir, "scale-cells.log"));
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Limit);
            try
            {
                var exit = await cell.WaitForExitAsync(limit.Token);
                if (exit != 0 || !File.Exists(resultPath))
                {
                    return new ScaleResult(op, database, deals, null, $"failed (exit {exit}; see scale-cells.log)", seed);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var peak = ProcessMemory.PeakMb(cell.Id);
                return new ScaleResult(op, database, deals, null, FormattableString.Invariant($"> {Limit.TotalSeconds:F0} s (stopped; peak {peak:F0} MB by then)"), seed);
            }

            return new ScaleResult(op, database, deals, JsonSerializer.Deserialize<ScaleCellResult>(await File.ReadAllTextAsync(resultPath, cancellationToken)), null, seed);
        }
        finally
        {
            await cleanup();
        }
    }

    private async Task<(string Source, double SeedSeconds)> SqliteAsync(int deals, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.CacheDir);
        var path = Path.Combine(options.CacheDir, $"scale-v{ScaleSeed.Version}-{SchemaTag("sqlite")}-{deals}.db");
        if (File.Exists(path))
        {
            return (path, 0);
        }

        var temp = Path.Combine(workDir, $"seed-{deals}.db");
        var started = Clock.Now;
        Console.Error.WriteLine($"scale: seeding {deals:N0} deals into SQLite (cached in {options.CacheDir} for later runs)");
        await ScaleSeed.SeedAsync(BenchDb.Sqlite(temp), deals, cancellationToken);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={temp}"))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        BenchDb.ReleaseConnections();
        File.Move(temp, path);
        return (path, Clock.SecondsSince(started));
    }

    private async Task<(string Source, double SeedSeconds)> PostgresAsync(int deals, CancellationToken cancellationToken)
    {
        var name = $"oppbot_bench_v{ScaleSeed.Version}_{SchemaTag("postgres")}_{deals}";
        if (await ScalarAsync($"SELECT count(*) FROM pg_database WHERE datname = '{name}'", cancellationToken) > 0)
        {
            return (name, 0);
        }

        var temp = name + "_seeding";
        var started = Clock.Now;
        Console.Error.WriteLine($"scale: seeding {deals:N0} deals into PostgreSQL database {name} (kept for later runs)");
        await ExecAsync($"DROP DATABASE IF EXISTS {temp} WITH (FORCE)", cancellationToken);
        await ExecAsync($"CREATE DATABASE {temp}", cancellationToken);
        await ScaleSeed.SeedAsync(BenchDb.Postgres(WithDatabase(temp)), deals, cancellationToken);
        BenchDb.ReleaseConnections();
        await ExecAsync($"ALTER DATABASE {temp} RENAME TO {name}", cancellationToken);
        return (name, Clock.SecondsSince(started));
    }

    // The cache is keyed by the schema files too: a database seeded under other schema versions is seeded again.
    private string SchemaTag(string dialect)
    {
        var folder = Path.Combine(options.RepoRoot, "adapters", "Persistence", "Schema", dialect);
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            sha.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(sha.GetHashAndReset())[..8].ToLowerInvariant();
    }

    private string WithDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(options.PostgreSql) { Database = database, Pooling = false }.ConnectionString;

    private async Task ExecAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(WithDatabase("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(WithDatabase("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
