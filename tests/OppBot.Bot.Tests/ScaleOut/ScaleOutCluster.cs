using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using OppBot.Bot.Tests.Persistence;
using Xunit.Abstractions;

namespace OppBot.Bot.Tests.ScaleOut;

/// <summary>
/// Two (or more) OppBot processes on one PostgreSQL database of their own (created here, migrated by the instances
/// themselves at start, dropped at the end), sending to one <see cref="FakeConnector"/>. Teams activities are posted to
/// an instance as the Bot Framework would (authentication is off: Development, no app id).
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    private readonly string _databaseName = "oppbot_scale_" + Guid.NewGuid().ToString("N")[..12];
    private readonly ITestOutputHelper _output;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<OppBotProcess> _instances = [];
    private bool _failed = true;

    private ScaleOutCluster(ITestOutputHelper output) => _output = output;

    /// <summary>The fake Bot Connector every instance sends to.</summary>
    public FakeConnector Connector { get; private set; } = null!;

    /// <summary>The shared database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The instances, in start order (A, B, …).</summary>
    public IReadOnlyList<OppBotProcess> Instances => _instances;

    /// <summary>
    /// Creates the database and the fake connector and starts <paramref name="count"/> instances at once (so they also
    /// race to migrate the schema), each with the test defaults plus <paramref name="settings"/>.
    /// </summary>
    public static async Task<ScaleOutCluster> StartAsync(ITestOutputHelper output, int count = 2, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = new ScaleOutCluster(output);
        try
        {
            cluster.ConnectionString = await PostgresDatabase.CreateDatabaseAsync(cluster._databaseName);
            cluster.Connector = await FakeConnector.StartAsync();
            var all = Defaults(cluster.ConnectionString);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                all[key] = value;
            }

            var watch = Stopwatch.StartNew();
            var started = await Task.WhenAll(Enumerable.Range(0, count).Select(i => OppBotProcess.StartAsync(((char)('A' + i)).ToString(), all)));
            cluster._instances.AddRange(started);
            output.WriteLine($"{count} instances up in {watch.Elapsed.TotalSeconds:0.0} s on database {cluster._databaseName}");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Call at the end of a test that passed: the instances' logs are then not printed.</summary>
    public void Passed() => _failed = false;

    /// <summary>Posts a Teams activity to an instance; the Bot Framework expects 200 for everything it sends.</summary>
    public async Task PostAsync(OppBotProcess instance, JsonObject activity)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(instance.BaseUrl, "api/messages"), activity);
        Assert.True(response.IsSuccessStatusCode, $"{instance.Name} answered {(int)response.StatusCode} to activity {activity["id"]}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// A Teams message from <paramref name="user"/> in their personal chat (conversation <c>a:{user}</c>), in English,
    /// whose serviceUrl is the fake connector.
    /// </summary>
    public JsonObject Message(string user, string text, string? activityId = null) => new()
    {
        ["type"] = "message",
        ["id"] = activityId ?? Guid.NewGuid().ToString("N"),
        ["timestamp"] = "2026-01-05T09:00:00.000Z",
        ["channelId"] = "msteams",
        ["serviceUrl"] = Connector.Url.ToString(),
        ["from"] = new JsonObject { ["id"] = "29:" + user, ["name"] = user, ["aadObjectId"] = DeterministicGuid(user) },
        ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = "tenant-1", ["id"] = ConversationOf(user) },
        ["recipient"] = new JsonObject { ["id"] = "28:oppbot", ["name"] = "OppBot" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "en-US",
    };

    /// <summary>The personal conversation id of a user in <see cref="Message"/>.</summary>
    public static string ConversationOf(string user) => "a:" + user;

    /// <summary>Runs a scalar query on the shared database.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a statement on the shared database; returns the rows affected.</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Rows of a query, each as its columns' values.</summary>
    public async Task<List<object?[]>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(values);
        }

        return rows;
    }

    /// <summary>Waits until a query's scalar satisfies <paramref name="done"/>.</summary>
    public async Task<T> WaitForAsync<T>(string sql, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = await ScalarAsync<T>(sql);
            if (done(value))
            {
                return value;
            }

            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting for {what} (last: {value}).");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until <paramref name="count"/> sessions of this database wait for a lock held by another transaction in a
    /// statement on <paramref name="table"/>: the instances have reached the point where they would collide.
    /// </summary>
    public async Task WaitForLockWaitersAsync(int count, string table, TimeSpan timeout)
    {
        var sql = $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{_databaseName}' AND wait_event_type = 'Lock' AND query ILIKE '%{table}%'";
        await WaitForAsync<long>(sql, n => n >= count, timeout, $"{count} sessions waiting for a row lock on {table}");
    }

    /// <summary>Waits until every outbox row is sent (or failed) and at least <paramref name="rows"/> rows exist.</summary>
    public Task WaitForOutboxDrainedAsync(int rows, TimeSpan timeout) =>
        WaitForAsync<long>(
            "SELECT CASE WHEN count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL) = 0 THEN count(*) ELSE -1 END FROM outbox",
            n => n >= rows,
            timeout,
            $"an outbox of at least {rows} rows, all sent");

    /// <summary>The figures of the outbox rows matching <paramref name="where"/> (SQL on table outbox).</summary>
    public async Task<DeliveryFigures> FiguresAsync(string where)
    {
        var sent = (await RowsAsync($"SELECT id, sent_at IS NOT NULL FROM outbox WHERE {where}"))
            .ToDictionary(r => (Guid)r[0]!, r => (bool)r[1]!);
        var calls = Connector.Calls.Where(c => c.RowId is { } id && sent.ContainsKey(id)).ToList();
        var posted = calls.Where(c => c.IsSuccess && !c.Aborted).ToList();
        var duplicates = posted.GroupBy(c => c.DeliveryKey).Sum(g => g.Count() - 1);
        var delivered = sent.Count(row =>
        {
            var parts = posted.Where(c => c.RowId == row.Key).Select(c => int.Parse(c.DeliveryKey!.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
            return row.Value && parts.Count > 0 && parts.SequenceEqual(Enumerable.Range(0, parts.Count)); // every part, none skipped
        });
        return new DeliveryFigures(sent.Count, delivered, duplicates, sent.Count - delivered, calls.Count(c => c.Aborted), calls.Count(c => c.Status == 503));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            if (_failed)
            {
                _output.WriteLine(instance.Tail(60));
            }

            await instance.DisposeAsync();
        }

        if (Connector is not null)
        {
            await Connector.DisposeAsync();
        }

        _http.Dispose();
        if (ConnectionString.Length > 0)
        {
            await PostgresDatabase.DropDatabaseAsync(_databaseName);
        }
    }

    // Production defaults except: PostgreSQL, Teams without authentication sending to the fake, WeCom and the
    // playground off, and the delivery loop tuned for a test that lasts seconds (short lease, quick retries).
    private static Dictionary<string, string> Defaults(string connectionString) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Database:Provider"] = "PostgreSQL",
        ["Database:ConnectionString"] = connectionString,
        ["Bot:MicrosoftAppId"] = string.Empty,
        ["Bot:MaxRetries"] = "1",
        ["WeCom:CorpId"] = string.Empty,
        ["Playground:Enabled"] = "false",
        ["Delivery:PollInterval"] = "00:00:00.200",
        ["Delivery:Lease"] = "00:00:05",
        ["Delivery:FirstRetryDelay"] = "00:00:00.500",
        ["Delivery:MaxRetryDelay"] = "00:00:02",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:OppBot"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http"] = "Warning",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
    };

    private static string DeterministicGuid(string name) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name))[..16]).ToString();
}

/// <summary>What reached the fake connector for a set of outbox rows.</summary>
/// <param name="Rows">Outbox rows looked at.</param>
/// <param name="Delivered">Rows marked sent whose every part was posted.</param>
/// <param name="Duplicates">Posts beyond the first of one row's part (what a user would see twice).</param>
/// <param name="Lost">Rows not marked sent, never posted, or with a part missing.</param>
/// <param name="InDoubt">Posts whose caller died before the answer (a real connector may or may not have shown them).</param>
/// <param name="Refused">Posts answered 503 while the connector was down.</param>
public sealed record DeliveryFigures(int Rows, int Delivered, int Duplicates, int Lost, int InDoubt, int Refused)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"rows {Rows}, delivered {Delivered}, duplicates {Duplicates}, lost {Lost}, in doubt {InDoubt}, refused (503) {Refused}";
}
