using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OppBot.Adapters.Persistence;
using OppBot.Domain;

namespace OppBot.Bot.Tests.Persistence;

public sealed class PersistenceSetupTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "oppbot-tests", Guid.NewGuid().ToString("N"));

    public PersistenceSetupTests() => Directory.CreateDirectory(_contentRoot);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_contentRoot, recursive: true);
    }

    [Fact]
    public async Task AddOppBotStore_Defaults_CreatesDataFolderAndMigratesBeforeServing()
    {
        await using var app = Build([]);

        await app.StartAsync();

        Assert.True(File.Exists(Path.Combine(_contentRoot, "data", "oppbot.db")));
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IOppBotStore>();
        Assert.IsType<EfOppBotStore>(store);
        Assert.Equal(1, await store.NextOpportunityNumberAsync(default)); // the tables are there
        var health = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(default);
        Assert.Equal(HealthStatus.Healthy, health.Entries["database"].Status);
        await app.StopAsync();
    }

    [Fact]
    public async Task AddOppBotStore_MigrationService_StartsBeforeHostedServicesAddedEarlier()
    {
        await using var app = Build([], services => services.AddHostedService<EarlierService>());

        var first = app.Services.GetServices<IHostedService>().First();

        Assert.IsType<SchemaMigrationService>(first);
    }

    [Theory]
    [InlineData("Oracle", null, "Database:Provider")] // unknown provider
    [InlineData("PostgreSQL", null, "Database:ConnectionString")] // PostgreSQL with the SQLite default
    [InlineData("Sqlite", "", "Database:ConnectionString")] // empty connection string
    public async Task AddOppBotStore_BadSettings_StartFailsNamingTheKey(string provider, string? connectionString, string key)
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider };
        if (connectionString is not null)
        {
            settings["Database:ConnectionString"] = connectionString;
        }

        await using var app = Build(settings);

        var error = await Record.ExceptionAsync(() => app.StartAsync());

        Assert.NotNull(error);
        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_contentRoot, "data"))); // stopped before migrating
    }

    [Theory]
    [InlineData("Data Source=data/oppbot.db", true)] // relative: under the content root
    [InlineData("Data Source=:memory:", false)] // in memory: left alone
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared", false)] // named in-memory database
    public void SqliteConnectionString_Path_IsResolvedAgainstTheContentRoot(string connectionString, bool resolved)
    {
        var result = new SqliteConnectionStringBuilder(PersistenceSetup.SqliteConnectionString(connectionString, _contentRoot)).DataSource;

        Assert.Equal(resolved, result.StartsWith(_contentRoot, StringComparison.Ordinal));
    }

    private WebApplication Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _contentRoot, EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        before?.Invoke(builder.Services);
        builder.AddOppBotStore();
        return builder.Build();
    }

    private sealed class EarlierService : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
