using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OppBot.Domain;

namespace OppBot.Adapters.Persistence;

/// <summary>Plugs the persistence adapter into the host.</summary>
public static class PersistenceSetup
{
    // Stateless, so one instance serves every context (EF would otherwise build a service provider per instance).
    private static readonly SqliteBusyTimeout BusyTimeout = new();

    /// <summary>
    /// Registers the "Database" options (validated at start), a pooled <see cref="OppBotDbContext"/> for the chosen
    /// provider, <see cref="IOppBotStore"/> (scoped: one unit of work per turn or job), <see cref="OutboxStore"/> and
    /// <see cref="SchemaMigrator"/> (singletons), a hosted service that migrates the schema before every other
    /// hosted service starts, and the "database" health check.
    /// </summary>
    public static WebApplicationBuilder AddOppBotStore(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var contentRoot = builder.Environment.ContentRootPath;
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddPooledDbContextFactory<OppBotDbContext>(
            (provider, options) => Configure(options, provider.GetRequiredService<IOptions<DatabaseOptions>>().Value, contentRoot));
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<OppBotDbContext>>().CreateDbContext());
        services.AddScoped<IOppBotStore, EfOppBotStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<SchemaMigrator>();

        // First of all hosted services: Quartz and the delivery loop need the tables.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, SchemaMigrationService>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>Configures EF Core for <paramref name="database"/>; a relative SQLite path is taken from <paramref name="contentRoot"/>.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseOptions database, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsPostgreSql)
        {
            // Split queries: a deal's history and follow-ups load as two more queries instead of a cartesian join.
            return options.UseNpgsql(database.ConnectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
        }

        return options
            .UseSqlite(SqliteConnectionString(database.ConnectionString, contentRoot), o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            .AddInterceptors(BusyTimeout);
    }

    /// <summary>The SQLite connection string with a relative file path made absolute under the content root.</summary>
    internal static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource is not ("" or ":memory:") && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        return builder.ToString();
    }
}
