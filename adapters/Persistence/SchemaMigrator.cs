using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OppBot.Adapters.Persistence.Mapping;

namespace OppBot.Adapters.Persistence;

/// <summary>
/// Brings the database schema up to date from the versioned SQL files embedded from Schema/{sqlite|postgres}/
/// (<c>NNN_name.sql</c>, as Quartz keeps its database/ folder): every version not yet in <c>schema_versions</c> is
/// applied in order, in one transaction, and recorded with the time it was applied. Running it again does nothing.
/// Two instances starting at once are serialised: PostgreSQL by a transaction-scoped advisory lock, SQLite by taking
/// the write lock up front (<c>BEGIN IMMEDIATE</c>); the second one then finds everything applied.
/// </summary>
/// <remarks>
/// A schema change is a new file per dialect with the next number, never an edit of an applied one (SchemaTests
/// compares the EF model with what the files create). Version 002 is reserved for Quartz's AdoJobStore tables
/// (002_quartz.sql, from quartznet's database/tables scripts for SQLite and PostgreSQL), so the scheduler shares
/// this database and this migrator; anything of OppBot's own after that starts at 003.
/// </remarks>
public sealed class SchemaMigrator(IDbContextFactory<OppBotDbContext> contexts, TimeProvider clock, ILogger<SchemaMigrator> logger)
{
    /// <summary>The key of the PostgreSQL advisory lock held while migrating (any constant shared by all instances).</summary>
    public const long AdvisoryLockKey = 0x4f70_7042_6f74; // "OppBot"

    /// <summary>Applies the missing versions; returns the versions applied (empty when the schema was up to date).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sqlite = db.IsSqlite;
        var connection = db.Database.GetDbConnection();
        if (sqlite)
        {
            EnsureDirectory(connection.ConnectionString);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (sqlite)
            {
                // WAL lets readers work while one writer writes; it is a property of the file, set once, and cannot
                // change inside a transaction. An in-memory database answers "memory" and stays as it is.
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await using var transaction = sqlite
                ? ((SqliteConnection)connection).BeginTransaction(deferred: false)
                : await connection.BeginTransactionAsync(cancellationToken);
            if (!sqlite)
            {
                await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey});", cancellationToken);
            }

            await ExecuteAsync(connection, transaction, sqlite ? CreateVersionsSqlite : CreateVersionsPostgres, cancellationToken);
            var applied = await AppliedAsync(connection, transaction, cancellationToken);
            var done = new List<int>();
            foreach (var script in SchemaScripts.For(sqlite ? SchemaScripts.Sqlite : SchemaScripts.Postgres))
            {
                if (applied.Contains(script.Version))
                {
                    continue;
                }

                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                await RecordAsync(connection, transaction, script, sqlite, cancellationToken);
                done.Add(script.Version);
                Log.SchemaVersionApplied(logger, script.Version, script.Name);
            }

            await transaction.CommitAsync(cancellationToken);
            if (done.Count == 0)
            {
                Log.SchemaUpToDate(logger, applied.Count == 0 ? 0 : applied.Max());
            }

            return done;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private const string CreateVersionsSqlite =
        "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);";

    private const string CreateVersionsPostgres =
        "CREATE TABLE IF NOT EXISTS schema_versions (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamp with time zone NOT NULL);";

    private static async Task<HashSet<int>> AppliedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM schema_versions;";
        var versions = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return versions;
    }

    private async Task RecordAsync(DbConnection connection, DbTransaction transaction, SchemaScript script, bool sqlite, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO schema_versions (version, name, applied_at) VALUES (@version, @name, @at);";
        var now = clock.GetUtcNow();
        Add(command, "@version", script.Version);
        Add(command, "@name", script.Name);
        Add(command, "@at", sqlite ? UtcTextConverter.Format(now) : now);
        await command.ExecuteNonQueryAsync(cancellationToken);

        static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void EnsureDirectory(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return;
        }

        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }
    }
}
