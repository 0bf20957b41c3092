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
    /// How many sessions of this database wait for a lock (a row lock another transaction holds), to know that both
    /// instances have reached the point where they would overwrite each other.
    /// </summary>
    public async Task WaitForLockWaitersAsync(int count, TimeSpan timeout)
    {
        var sql = $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{_databaseName}' AND wait_event_type = 'Lock'";
        await WaitForAsync<long>(sql, n => n >= count, timeout, $"{count} sessions waiting for a row lock");
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
