using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OppBot.Bot.Csv;
using OppBot.Bot.Tests.Support;
using OppBot.Domain;
using OppBot.Domain.People;

namespace OppBot.Bot.Tests.Csv;

/// <summary>
/// The host with a test <see cref="ApiCaller"/>: the request header <c>X-Test-User</c> names a person by id, who is
/// read from the request's own store (as an API key scheme would). People are created in the host's database.
/// </summary>
internal sealed class CsvHost : IAsyncDisposable
{
    private readonly OppBotFactory _root;

    public CsvHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _root = new OppBotFactory(settings);
        Factory = _root.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<ApiCaller>();
            services.AddSingleton<ApiCaller>(async (http, ct) =>
                Guid.TryParse(http.Request.Headers["X-Test-User"], out var id)
                    ? await http.RequestServices.GetRequiredService<IOppBotStore>().GetUserAsync(id, ct)
                    : null);
        }));
        Client = Factory.CreateClient();
    }

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient Client { get; }

    public async Task<SalesRep> PersonAsync(string name, Role role, string team = "east", string locale = "zh-CN")
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IOppBotStore>();
        var person = new SalesRep(name, role, team, locale, TimeProvider.System.GetUtcNow());
        store.Add(person);
        await store.SaveChangesAsync(CancellationToken.None);
        return person;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, SalesRep? caller, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (caller is not null)
        {
            request.Headers.Add("X-Test-User", caller.Id.ToString());
        }

        return await Client.SendAsync(request);
    }

    public async Task<int> DealCountAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var deals = await scope.ServiceProvider.GetRequiredService<IOppBotStore>().FindOpportunitiesAsync(new Domain.Opportunities.OpportunityFilter { Limit = 100_000 }, CancellationToken.None);
        return deals.Count;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await _root.DisposeAsync();
    }
}
