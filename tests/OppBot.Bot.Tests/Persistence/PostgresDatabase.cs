using Microsoft.EntityFrameworkCore;
using Npgsql;
using OppBot.Adapters.Persistence;

namespace OppBot.Bot.Tests.Persistence;

/// <summary>
/// A database of its own on the PostgreSQL server named by OPPBOT_TEST_PG (created, migrated, dropped afterwards).
/// Does nothing when the variable is not set; the tests that use it are skipped then.
/// </summary>
public sealed class PostgresDatabase : StoreDatabase
{
    /// <summary>The environment variable with the server's connection string.</summary>
    public const string Variable = "OPPBOT_TEST_PG";

    private readonly string _name = "oppbot_test_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The server's connection string, or null when PostgreSQL tests are off.</summary>
    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>This fixture's database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Creates an empty database on the server; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await using var server = new NpgsqlConnection(ServerConnectionString);
        await server.OpenAsync();
        await using var command = server.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database created by <see cref="CreateDatabaseAsync"/>.</summary>
    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(ServerConnectionString);
        await server.OpenAsync();
        await using var command = server.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Options of a PostgreSQL connection string, configured as the app does.</summary>
    public static DbContextOptions<OppBotDbContext> Options(string connectionString) =>
        (DbContextOptions<OppBotDbContext>)PersistenceSetup.Configure(
            new DbContextOptionsBuilder<OppBotDbContext>(),
            new DatabaseOptions { Provider = DatabaseOptions.PostgreSql, ConnectionString = connectionString },
            Path.GetTempPath()).Options;

    /// <inheritdoc/>
    public override async Task InitializeAsync()
    {
        if (ServerConnectionString is null)
        {
            return;
        }

        ConnectionString = await CreateDatabaseAsync(_name);
        Factory = new OptionsContextFactory(Options(ConnectionString));
        ParallelFactory = Factory;
        await Migrator(Factory).MigrateAsync(default);
    }

    /// <inheritdoc/>
    public override async Task DisposeAsync()
    {
        if (ServerConnectionString is not null)
        {
            await DropDatabaseAsync(_name);
        }
    }
}
