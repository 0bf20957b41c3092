using Microsoft.Data.Sqlite;
using Npgsql;
using OppBot.Adapters.Persistence;

namespace OppBot.Bot.Tests.Persistence;

public sealed class SchemaMigratorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "oppbot-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task MigrateAsync_FreshFileDatabase_AppliesEveryVersionAndRecordsIt()
    {
        var path = Path.Combine(_directory, "data", "nested", "oppbot.db"); // the folder does not exist yet
        var factory = new OptionsContextFactory(SqliteDatabase.Options($"Data Source={path}"));

        var applied = await StoreDatabase.Migrator(factory).MigrateAsync(default);

        Assert.Equal(SchemaScripts.For(SchemaScripts.Sqlite).Select(s => s.Version), applied);
        Assert.Contains(1, applied);
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        Assert.Equal(applied, await ReadVersionsAsync(connection));
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM opportunities;")); // the tables exist
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_AppliesNothing()
    {
        var factory = new OptionsContextFactory(SqliteDatabase.Options($"Data Source={Path.Combine(_directory, "oppbot.db")}"));
        await StoreDatabase.Migrator(factory).MigrateAsync(default);

        var again = await StoreDatabase.Migrator(factory).MigrateAsync(default);

        Assert.Empty(again);
    }

    [Fact]
    public async Task MigrateAsync_TwoInstancesAtOnceOnSqlite_AppliesEachVersionOnce()
    {
        var connectionString = $"Data Source={Path.Combine(_directory, "oppbot.db")}";

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            StoreDatabase.Migrator(new OptionsContextFactory(SqliteDatabase.Options(connectionString))).MigrateAsync(default))));

        Assert.Equal(SchemaScripts.For(SchemaScripts.Sqlite).Select(s => s.Version), runs.SelectMany(r => r).Order());
    }

    [PostgresFact]
    public async Task MigrateAsync_FreshPostgresDatabase_AppliesEveryVersionThenNothing()
    {
        var name = "oppbot_test_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = await PostgresDatabase.CreateDatabaseAsync(name);
        try
        {
            var factory = new OptionsContextFactory(PostgresDatabase.Options(connectionString));

            var applied = await StoreDatabase.Migrator(factory).MigrateAsync(default);
            var again = await StoreDatabase.Migrator(factory).MigrateAsync(default);

            Assert.Equal(SchemaScripts.For(SchemaScripts.Postgres).Select(s => s.Version), applied);
            Assert.Empty(again);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            Assert.Equal(applied, await ReadVersionsAsync(connection));
        }
        finally
        {
            await PostgresDatabase.DropDatabaseAsync(name);
        }
    }

    [PostgresFact]
    public async Task MigrateAsync_TwoInstancesAtOnceOnPostgres_AppliesEachVersionOnce()
    {
        var name = "oppbot_test_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = await PostgresDatabase.CreateDatabaseAsync(name);
        try
        {
            // Without the advisory lock, both would try CREATE TABLE and one would fail.
            var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
                StoreDatabase.Migrator(new OptionsContextFactory(PostgresDatabase.Options(connectionString))).MigrateAsync(default))));

            Assert.Equal(SchemaScripts.For(SchemaScripts.Postgres).Select(s => s.Version), runs.SelectMany(r => r).Order());
        }
        finally
        {
            await PostgresDatabase.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public void Scripts_BothDialects_HaveTheSameVersionsFromOne()
    {
        var sqlite = SchemaScripts.For(SchemaScripts.Sqlite).Select(s => s.Version).ToList();
        var postgres = SchemaScripts.For(SchemaScripts.Postgres).Select(s => s.Version).ToList();

        Assert.Equal(sqlite, postgres);
        Assert.Equal(Enumerable.Range(1, sqlite.Count), sqlite); // no gaps: a missing file would never be applied
    }

    private static async Task<List<int>> ReadVersionsAsync(System.Data.Common.DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_versions ORDER BY version";
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return versions;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
