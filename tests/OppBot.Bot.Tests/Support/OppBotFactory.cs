using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OppBot.Domain;
using OppBot.Domain.Delivery;

namespace OppBot.Bot.Tests.Support;

/// <summary>
/// The whole host (<see cref="Program"/>) over a SQLite file of its own in a temp folder, with the "Testing"
/// environment, Teams in local mode (no app id), WeCom off, fast delivery retries, and the channel senders replaced by a
/// <see cref="RecordingChannelSender"/>. Two factories given the same <see cref="DatabasePath"/> are the same
/// installation started twice (a restart). Settings are passed with <c>UseSetting</c> so Program sees them before
/// <c>Build()</c>, as it would see appsettings.json.
/// </summary>
public sealed class OppBotFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;

    /// <summary>A host with a new database and the given settings on top of the test defaults.</summary>
    public OppBotFactory(IReadOnlyDictionary<string, string?>? settings = null, string? databasePath = null)
    {
        _ownsDatabase = databasePath is null;
        DatabasePath = databasePath ?? NewDatabasePath();
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = ConnectionString,
            ["Bot:MicrosoftAppId"] = string.Empty,
            ["WeCom:CorpId"] = string.Empty,
            ["Delivery:PollInterval"] = "00:00:00.100",
            ["Delivery:FirstRetryDelay"] = "00:00:00.050",
            ["Delivery:MaxRetryDelay"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>The connection string of <see cref="DatabasePath"/>.</summary>
    public string ConnectionString => $"Data Source={DatabasePath}";

    /// <summary>The sender every outgoing message goes to (channel "teams"), replacing the real ones.</summary>
    public RecordingChannelSender Sender { get; init; } = new();

    /// <summary>A new, unused database file path.</summary>
    public static string NewDatabasePath()
    {
        var directory = Path.Combine(Path.GetTempPath(), "oppbot-tests");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"{Guid.NewGuid():N}.db");
    }

    /// <summary>Queues messages as a turn would (one unit of work) and pokes the delivery loop.</summary>
    public async Task EnqueueAsync(params OutgoingMessage[] messages)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IOppBotStore>();
            foreach (var message in messages)
            {
                store.Enqueue(message);
            }

            await store.SaveChangesAsync(CancellationToken.None);
        }

        Services.GetRequiredService<DeliverySignal>().Notify();
    }

    /// <summary>An outbox row as stored now.</summary>
    public async Task<OutgoingMessage> OutgoingAsync(Guid id)
    {
        await using var scope = Services.CreateAsyncScope();
        var message = await scope.ServiceProvider.GetRequiredService<IOppBotStore>().GetOutgoingAsync(id, CancellationToken.None);
        return message ?? throw new InvalidOperationException($"Outbox row {id} not found.");
    }

    /// <inheritdoc/>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IChannelSender>();
            services.AddSingleton<IChannelSender>(Sender);
        });
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            DeleteDatabase(DatabasePath);
        }
    }

    /// <summary>Deletes a database file and its WAL companions (best effort).</summary>
    public static void DeleteDatabase(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Another host still has it open; the temp folder is cleaned by the OS.
            }
        }
    }
}
