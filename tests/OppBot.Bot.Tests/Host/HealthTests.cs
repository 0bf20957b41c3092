using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OppBot.Bot.Tests.Support;

namespace OppBot.Bot.Tests.Host;

public sealed class HealthTests : IAsyncLifetime
{
    private readonly OppBotFactory _factory = new();

    [Fact]
    public async Task Healthz_DatabaseReachable_200Healthy()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"status":"Healthy","database":"Healthy"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_DatabaseCheckUnhealthy_503WithTheSameShape()
    {
        // The adapter's check is replaced by one that fails: what is tested is how /healthz reports it.
        await using var factory = new OppBotFactory();
        using var client = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.Configure<HealthCheckServiceOptions>(o =>
            {
                var database = o.Registrations.Single(r => r.Name == "database");
                o.Registrations.Remove(database);
                o.Registrations.Add(new HealthCheckRegistration("database", _ => new Failing(), null, null));
            }))).CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("database").GetString());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private sealed class Failing : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Unhealthy("down"));
    }
}
