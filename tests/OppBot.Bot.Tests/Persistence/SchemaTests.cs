using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OppBot.Adapters.Persistence;

namespace OppBot.Bot.Tests.Persistence;

/// <summary>
/// The EF model and the committed SQL must describe the same schema. Each test builds one database from
/// Schema/{dialect}/*.sql (through the migrator) and one from the model (<c>GenerateCreateScript()</c>), and compares
/// what the database reports: tables, columns with type, nullability and key, indexes with their columns, uniqueness
/// and filter, and foreign keys. A model change without a new versioned SQL file fails here.
/// </summary>
public sealed partial class SchemaTests
{
    private const string Advice = "The EF model and the committed schema disagree. Do not edit an applied file: add Schema/sqlite/NNN_*.sql and Schema/postgres/NNN_*.sql with the change (GenerateCreateScript() shows the model's DDL).";

    [Fact]
    public async Task CommittedSqliteSchema_MatchesTheModel()
    {
        await using var fromFiles = new SqliteConnection("Data Source=:memory:");
        await using var fromModel = new SqliteConnection("Data Source=:memory:");
        await fromFiles.OpenAsync();
        await fromModel.OpenAsync();
        var options = new DbContextOptionsBuilder<OppBotDbContext>().UseSqlite(fromFiles).Options;
        await StoreDatabase.Migrator(new OptionsContextFactory(options)).MigrateAsync(default);
        await using (var db = new OppBotDbContext(new DbContextOptionsBuilder<OppBotDbContext>().UseSqlite(fromModel).Options))
        {
            await ExecuteAsync(fromModel, db.Database.GenerateCreateScript());
        }

        AssertSame(await DescribeSqliteAsync(fromModel), await DescribeSqliteAsync(fromFiles));
    }

    [PostgresFact]
    public async Task CommittedPostgresSchema_MatchesTheModel()
    {
        var files = "oppbot_test_" + Guid.NewGuid().ToString("N")[..12];
        var model = "oppbot_test_" + Guid.NewGuid().ToString("N")[..12];
        var filesConnection = await PostgresDatabase.CreateDatabaseAsync(files);
        var modelConnection = await PostgresDatabase.CreateDatabaseAsync(model);
        try
        {
            await StoreDatabase.Migrator(new OptionsContextFactory(PostgresDatabase.Options(filesConnection))).MigrateAsync(default);
            await using var fromModel = new NpgsqlConnection(modelConnection);
            await using var fromFiles = new NpgsqlConnection(filesConnection);
            await fromModel.OpenAsync();
            await fromFiles.OpenAsync();
            await using (var db = new OppBotDbContext(PostgresDatabase.Options(modelConnection)))
            {
                await ExecuteAsync(fromModel, db.Database.GenerateCreateScript());
            }

            AssertSame(await DescribePostgresAsync(fromModel), await DescribePostgresAsync(fromFiles));
        }
        finally
        {
            await PostgresDatabase.DropDatabaseAsync(files);
            await PostgresDatabase.DropDatabaseAsync(model);
        }
    }

    [Fact]
    public async Task DescribeSqliteAsync_ColumnAddedToOneSide_IsReported()
    {
        // The comparison itself can fail: a column the model does not know shows up as a difference.
        await using var a = new SqliteConnection("Data Source=:memory:");
        await using var b = new SqliteConnection("Data Source=:memory:");
        await a.OpenAsync();
        await b.OpenAsync();
        await ExecuteAsync(a, "CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY);");
        await ExecuteAsync(b, "CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY, extra TEXT NULL);");

        var (missing, extra) = Differences(await DescribeSqliteAsync(a), await DescribeSqliteAsync(b));

        Assert.Empty(missing);
        Assert.Equal(["column t.extra TEXT null pk=0"], extra);
    }

    private static void AssertSame(IReadOnlyList<string> model, IReadOnlyList<string> files)
    {
        var (missing, extra) = Differences(model, files);
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"{Advice}\nIn the model, not in the files:\n  {string.Join("\n  ", missing)}\nIn the files, not in the model:\n  {string.Join("\n  ", extra)}");
        Assert.Contains(model, line => line.StartsWith("table opportunities", StringComparison.Ordinal)); // not comparing two empty lists
    }

    private static (List<string> Missing, List<string> Extra) Differences(IReadOnlyList<string> model, IReadOnlyList<string> files) =>
        (model.Except(files).ToList(), files.Except(model).ToList());

    // Tables the model does not own: the migrator's own, SQLite's, and Quartz's AdoJobStore tables (002_quartz).
    private static bool Foreign(string table) =>
        table is "schema_versions" or "sqlite_sequence" || table.StartsWith("qrtz_", StringComparison.OrdinalIgnoreCase);

    private static async Task<IReadOnlyList<string>> DescribeSqliteAsync(SqliteConnection connection)
    {
        var lines = new List<string>();
        var tables = (await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).Select(r => (string)r[0]!).Where(t => !Foreign(t)).ToList();
        foreach (var table in tables)
        {
            lines.Add($"table {table}");
            foreach (var c in await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")"))
            {
                lines.Add($"column {table}.{c[1]} {c[2]} {((long)c[3]! == 1 ? "not null" : "null")} pk={c[5]}");
            }

            foreach (var i in await QueryAsync(connection, $"PRAGMA index_list(\"{table}\")"))
            {
                var name = (string)i[1]!;
                var columns = (await QueryAsync(connection, $"PRAGMA index_info(\"{name}\")")).OrderBy(r => (long)r[0]!).Select(r => r[2]);
                var sql = (await QueryAsync(connection, $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{name}'")).FirstOrDefault()?[0] as string;
                var filter = sql is not null && sql.Contains(" WHERE ", StringComparison.OrdinalIgnoreCase)
                    ? Normalize(sql[(sql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) + 7)..])
                    : string.Empty;
                var label = name.StartsWith("sqlite_autoindex_", StringComparison.Ordinal) ? "(auto)" : name;
                lines.Add($"index {table}.{label} ({string.Join(", ", columns)}) unique={i[2]} {filter}".TrimEnd());
            }

            foreach (var f in await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{table}\")"))
            {
                lines.Add($"foreign key {table}.{f[3]} -> {f[2]}.{f[4]} on delete {f[6]}");
            }
        }

        return lines;
    }

    private static async Task<IReadOnlyList<string>> DescribePostgresAsync(NpgsqlConnection connection)
    {
        var lines = new List<string>();
        foreach (var c in await QueryAsync(connection, """
            SELECT table_name, column_name, data_type, udt_name, is_nullable, numeric_precision, numeric_scale, is_identity, column_default
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name
            """))
        {
            if (!Foreign((string)c[0]!))
            {
                lines.Add($"column {c[0]}.{c[1]} {c[2]}/{c[3]} nullable={c[4]} numeric({c[5]},{c[6]}) identity={c[7]} default={c[8]}");
            }
        }

        foreach (var t in await QueryAsync(connection, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))
        {
            if (!Foreign((string)t[0]!))
            {
                lines.Add($"table {t[0]}");
            }
        }

        foreach (var i in await QueryAsync(connection, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname"))
        {
            if (!Foreign((string)i[0]!))
            {
                lines.Add($"index {i[1]}: {Normalize((string)i[2]!)}");
            }
        }

        foreach (var k in await QueryAsync(connection, """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace ORDER BY conname
            """))
        {
            if (!Foreign((string)k[0]!))
            {
                lines.Add($"constraint {k[0]}.{k[1]}: {k[2]}");
            }
        }

        return lines;
    }

    private static string Normalize(string sql) => WhiteSpace().Replace(sql.Trim().TrimEnd(';'), " ").Replace("\"", string.Empty, StringComparison.Ordinal);

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<object?[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
