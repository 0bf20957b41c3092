using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OppBot.Adapters.Persistence;
using OppBot.Bot.Csv;
using OppBot.Bot.Tests.Support;
using OppBot.Domain;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Webhooks;

namespace OppBot.Bot.Tests.Webhooks;

/// <summary>
/// The whole way out: deals changed through the host's own store (EF on SQLite), delivery rows written with the events,
/// the sender posting them to a real receiver on loopback that checks signatures.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private OppBotFactory Host(string url, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Name"] = "erp",
            ["Webhooks:Endpoints:0:Url"] = url,
            ["Webhooks:Endpoints:0:Secret"] = WebhookReceiver.Secret,
            ["Webhooks:PollInterval"] = "00:00:00.050",
            ["Webhooks:FirstRetryDelay"] = "00:00:00.100",
            ["Webhooks:MaxRetryDelay"] = "00:00:00.300",
            ["Webhooks:Timeout"] = "00:00:02",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return new OppBotFactory(settings);
    }

    /// <summary>A deal created, a follow-up logged and the deal lost: three events, saved in two units of work.</summary>
    private static async Task<Guid> MakeEventsAsync(WebApplicationFactory<Program> factory)
    {
        var now = TimeProvider.System.GetUtcNow();
        Guid repId;
        Guid dealId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IOppBotStore>();
            var rep = new SalesRep("李雷", Role.Rep, "east", "zh-CN", now);
            store.Add(rep);
            var deal = Opportunity.Create(
                new LeadDraft { Account = "华为技术有限公司", Title = "ERP升级", Amount = 500_000m },
                rep,
                await store.NextOpportunityNumberAsync(CancellationToken.None),
                DomainSettings.Default,
                now,
                out _)!;
            store.Add(deal);
            await store.SaveChangesAsync(CancellationToken.None);
            (repId, dealId) = (rep.Id, deal.Id);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IOppBotStore>();
            var rep = (await store.GetUserAsync(repId, CancellationToken.None))!;
            var deal = (await store.GetOpportunityAsync(dealId, CancellationToken.None))!;
            Assert.Null(deal.LogFollowUp(rep, "拜访了CIO", now));
            Assert.Null(deal.Lose(rep, "price", null, DomainSettings.Default, now));
            await store.SaveChangesAsync(CancellationToken.None);
        }

        return dealId;
    }

    private static async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(WebApplicationFactory<Program> factory) =>
        await factory.Services.GetRequiredService<WebhookDeliveryStore>().ListAsync(null, null, null, 100, CancellationToken.None);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "Timed out waiting.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Events_ReceiverUp_EachArrivesOnceWithAValidSignature()
    {
        await using var factory = Host(_receiver.Url);
        _ = factory.Services; // starts the host, its migrator and the sender

        await MakeEventsAsync(factory);
        await WaitUntilAsync(() => Task.FromResult(_receiver.Received.Count >= 3));
        await Task.Delay(500); // ten more polls: nothing else may arrive

        Assert.All(_receiver.Received, r => Assert.True(r.SignatureValid));
        var types = _receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Equal(["follow_up.logged", "opportunity.created", "opportunity.lost"], types.Order(StringComparer.Ordinal)); // no order is promised
        Assert.Equal(3, _receiver.Accepted.Distinct().Count());
        Assert.Equal(3, _receiver.Received.Count);
        Assert.All(_receiver.Received, r => Assert.Equal(r.EventId, JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()));
        Assert.All(await DeliveriesAsync(factory), d => Assert.Equal((WebhookDeliveryStatus.Delivered, 1, 204), (d.Status, d.Attempts, d.LastStatusCode!.Value)));
    }

    [Fact]
    public async Task Events_ReceiverDownForAWhile_EachArrivesOnceAfterItReturns()
    {
        await _receiver.StopAsync();
        await using var factory = Host(_receiver.Url);
        _ = factory.Services;

        await MakeEventsAsync(factory);
        // While it is down: attempts pile up with backoff, each recorded with its error.
        await WaitUntilAsync(async () => (await DeliveriesAsync(factory)) is { Count: 3 } rows && rows.All(d => d.Attempts >= 3));
        var whileDown = await DeliveriesAsync(factory);
        Assert.All(whileDown, d => Assert.Equal(WebhookDeliveryStatus.Pending, d.Status));
        Assert.All(whileDown, d => Assert.Null(d.LastStatusCode));
        Assert.All(whileDown, d => Assert.Contains("ConnectionError", d.LastError, StringComparison.Ordinal));
        Assert.Empty(_receiver.Received);

        await _receiver.StartAgainAsync();
        await WaitUntilAsync(() => Task.FromResult(_receiver.Received.Count >= 3));
        await Task.Delay(500);

        Assert.Equal(3, _receiver.Received.Count);
        Assert.Equal(3, _receiver.Accepted.Distinct().Count());
        Assert.All(await DeliveriesAsync(factory), d => Assert.Equal(WebhookDeliveryStatus.Delivered, d.Status));
    }

    [Fact]
    public async Task Events_ReceiverRejectsTheSignature_IsRetriedAndLogged()
    {
        await using var factory = Host(_receiver.Url, ("Webhooks:Endpoints:0:Secret", "a-different-secret-0000"));
        _ = factory.Services;

        await MakeEventsAsync(factory);
        await WaitUntilAsync(async () => (await DeliveriesAsync(factory)).Any(d => d.Attempts >= 2));

        Assert.All(_receiver.Received, r => Assert.False(r.SignatureValid));
        var row = (await DeliveriesAsync(factory)).First(d => d.Attempts >= 2);
        Assert.Equal((401, WebhookDeliveryStatus.Pending), (row.LastStatusCode!.Value, row.Status));
        Assert.StartsWith("HTTP 401", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_EndpointFilter_OnlyTheEventsAskedFor()
    {
        await using var factory = Host(_receiver.Url, ("Webhooks:Endpoints:0:Events:0", "lost"));
        _ = factory.Services;

        await MakeEventsAsync(factory);
        await WaitUntilAsync(() => Task.FromResult(!_receiver.Received.IsEmpty));
        await Task.Delay(500);

        Assert.Equal("opportunity.lost", JsonDocument.Parse(Assert.Single(_receiver.Received).Body).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task DeliveryLog_Admin_SeesEndpointsAndRows_RepIsRefused()
    {
        await using var host = Host(_receiver.Url);
        var admin = new SalesRep("Admin", Role.Admin, "east", "en", TimeProvider.System.GetUtcNow());
        var rep = new SalesRep("Rep", Role.Rep, "east", "en", TimeProvider.System.GetUtcNow());
        await using var factory = host.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<ApiCaller>();
            services.AddSingleton<ApiCaller>((http, _) => ValueTask.FromResult<SalesRep?>(http.Request.Headers["X-Test-User"].ToString() switch
            {
                "admin" => admin,
                "rep" => rep,
                _ => null,
            }));
        }));
        using var client = factory.CreateClient();
        await MakeEventsAsync(factory);
        await WaitUntilAsync(() => Task.FromResult(_receiver.Received.Count >= 3));

        using var anonymous = await client.GetAsync(new Uri("/api/v1/webhooks/deliveries", UriKind.Relative));
        using var asRep = await Get(client, "/api/v1/webhooks/deliveries", "rep");
        using var asAdmin = await Get(client, "/api/v1/webhooks/deliveries?status=delivered", "admin");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asRep.StatusCode);
        Assert.Equal("application/problem+json", asRep.Content.Headers.ContentType?.MediaType);
        var log = JsonDocument.Parse(await asAdmin.Content.ReadAsStringAsync()).RootElement;
        var endpoint = log.GetProperty("endpoints")[0];
        Assert.Equal(("erp", _receiver.Url, 3), (endpoint.GetProperty("name").GetString(), endpoint.GetProperty("url").GetString(), endpoint.GetProperty("delivered").GetInt32()));
        Assert.Equal(3, log.GetProperty("deliveries").GetArrayLength());
        Assert.Equal("delivered", log.GetProperty("deliveries")[0].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("?status=sideways")] // not a status
    [InlineData("?limit=0")] // out of range
    public async Task DeliveryLog_BadQuery_Is400NotA500(string query)
    {
        await using var host = Host(_receiver.Url);
        var admin = new SalesRep("Admin", Role.Admin, "east", "en", TimeProvider.System.GetUtcNow());
        await using var factory = host.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<ApiCaller>();
            services.AddSingleton<ApiCaller>((_, _) => ValueTask.FromResult<SalesRep?>(admin));
        }));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/webhooks/deliveries" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Start_BadEndpoint_StopsNamingEveryProblem()
    {
        await using var factory = new OppBotFactory(new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Name"] = "erp",
            ["Webhooks:Endpoints:0:Url"] = "ftp://example.com/x",
            ["Webhooks:Endpoints:0:Secret"] = "short",
            ["Webhooks:Endpoints:0:Events:0"] = "deleted",
            ["Webhooks:Endpoints:1:Name"] = "ERP",
            ["Webhooks:Endpoints:1:Url"] = "https://example.com/hook",
            ["Webhooks:Endpoints:1:Secret"] = WebhookReceiver.Secret,
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var text = string.Join("\n", Flatten(error));
        Assert.Contains("Webhooks:Endpoints:0:Url must be an absolute http or https URL (was 'ftp://example.com/x')", text, StringComparison.Ordinal);
        Assert.Contains("Webhooks:Endpoints:0:Secret must have at least 16 characters", text, StringComparison.Ordinal);
        Assert.Contains("Webhooks:Endpoints:0:Events:0 must be one of opportunity.created", text, StringComparison.Ordinal);
        Assert.Contains("Webhooks:Endpoints:1:Name 'ERP' is used twice", text, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Get(HttpClient client, string path, string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Test-User", user);
        return await client.SendAsync(request);
    }

    private static IEnumerable<string> Flatten(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    yield return inner.Message;
                }
            }
        }
    }
}
