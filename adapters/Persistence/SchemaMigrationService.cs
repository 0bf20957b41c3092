using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OppBot.Adapters.Persistence;

/// <summary>Migrates the schema when the host starts, before any other hosted service and before the app serves.</summary>
internal sealed class SchemaMigrationService(SchemaMigrator migrator, IOptions<DatabaseOptions> options, ILogger<SchemaMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Log.UsingDatabase(logger, options.Value.IsPostgreSql ? DatabaseOptions.PostgreSql : DatabaseOptions.Sqlite);
        await migrator.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
