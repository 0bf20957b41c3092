using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OppBot.Adapters.Persistence;

namespace OppBot.Bench.Support;

/// <summary>
/// A database for one benchmark: the same EF Core configuration as the host (<see cref="PersistenceSetup.Configure"/>)
/// and the same schema migrator, so what is seeded and measured is what OppBot runs on.
/// </summary>
internal sealed class BenchDb(DatabaseOptions options) : IDbContextFactory<OppBotDbContext>
{
    public DatabaseOptions Options { get; } = options;

    public bool IsPostgreSql => Options.IsPostgreSql;

    public static BenchDb Sqlite(string path) =>
        new(new DatabaseOptions { Provider = DatabaseOptions.Sqlite, ConnectionString = $"Data Source={path}" });

    public static BenchDb Postgres(string connectionString) =>
        new(new DatabaseOptions { Provider = DatabaseOptions.PostgreSql, ConnectionString = connectionString });

    public OppBotDbContext CreateDbContext()
    {
        var builder = new DbContextOptionsBuilder<OppBotDbContext>();
        PersistenceSetup.Configure(builder, Options, Directory.GetCurrentDirectory());
        return new OppBotDbContext(builder.Options);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken) =>
        await new SchemaMigrator(this, TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync(cancellationToken);

    /// <summary>Closes pooled connections so another process can take the file (or drop the database).</summary>
    public static void ReleaseConnections()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
    }
}
