using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OppBot.Adapters.Persistence;

namespace OppBot.Bot.Tests.Persistence;

/// <summary>A migrated database shared by the tests of one class (tests isolate themselves by team, number or key).</summary>
public abstract class StoreDatabase : IAsyncLifetime
{
    /// <summary>Contexts for sequential use (on SQLite they share one open in-memory connection).</summary>
    public IDbContextFactory<OppBotDbContext> Factory { get; protected set; } = null!;

    /// <summary>Contexts that may run at the same time, each on its own connection (SQLite: a temp file database).</summary>
    public IDbContextFactory<OppBotDbContext> ParallelFactory { get; protected set; } = null!;

    /// <summary>A migrator for <paramref name="factory"/>.</summary>
    public static SchemaMigrator Migrator(IDbContextFactory<OppBotDbContext> factory) =>
        new(factory, TimeProvider.System, NullLogger<SchemaMigrator>.Instance);

    /// <inheritdoc/>
    public abstract Task InitializeAsync();

    /// <inheritdoc/>
    public abstract Task DisposeAsync();
}

/// <summary>Creates contexts from fixed options.</summary>
public sealed class OptionsContextFactory(DbContextOptions<OppBotDbContext> options) : IDbContextFactory<OppBotDbContext>
{
    /// <inheritdoc/>
    public OppBotDbContext CreateDbContext() => new(options);
}
