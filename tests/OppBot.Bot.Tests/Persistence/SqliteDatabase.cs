using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OppBot.Adapters.Persistence;

namespace OppBot.Bot.Tests.Persistence;

/// <summary>SQLite in memory on one open connection, migrated from the committed SQL; plus a temp file for parallel tests.</summary>
public sealed class SqliteDatabase : StoreDatabase
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "oppbot-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Options of a SQLite connection string, configured as the app does.</summary>
    public static DbContextOptions<OppBotDbContext> Options(string connectionString) =>
        (DbContextOptions<OppBotDbContext>)PersistenceSetup.Configure(
            new DbContextOptionsBuilder<OppBotDbContext>(),
            new DatabaseOptions { Provider = DatabaseOptions.Sqlite, ConnectionString = connectionString },
            Path.GetTempPath()).Options;

    /// <inheritdoc/>
    public override async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        Factory = new OptionsContextFactory(new DbContextOptionsBuilder<OppBotDbContext>()
            .UseSqlite(_connection, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            .Options);
        await Migrator(Factory).MigrateAsync(default);
        ParallelFactory = new OptionsContextFactory(Options($"Data Source={Path.Combine(_directory, "parallel.db")}"));
        await Migrator(ParallelFactory).MigrateAsync(default);
    }

    /// <inheritdoc/>
    public override async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
