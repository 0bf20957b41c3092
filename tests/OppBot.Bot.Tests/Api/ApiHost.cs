using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OppBot.Bot.Tests.Support;
using OppBot.Domain;
using OppBot.Domain.Conversations;
using OppBot.Domain.Tests.Fakes;

namespace OppBot.Bot.Tests.Api;

/// <summary>
/// The whole host (<see cref="OppBotFactory"/>) with a manual clock and an organization to act in: teams "east"
/// (Shanghai, target ¥1,000,000 a month) and "west"; in Teams, "admin" is an admin, "mgr-east" east's manager and
/// "rep-east" a rep of east with a target of ¥600,000. People talk to the conversation core directly (as the Teams
/// endpoint would after reading an activity); API keys are made by the admin in chat, as in production.
/// </summary>
internal sealed partial class ApiHost : IAsyncDisposable
{
    /// <summary>Wednesday 25 Nov 2026 10:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    private readonly OppBotFactory _factory;
    private readonly WebApplicationFactory<Program> _host;
    private int _sequence;

    public ApiHost()
    {
        _factory = new OppBotFactory(new Dictionary<string, string?>
        {
            ["Organization:DefaultTeamId"] = "east",
            ["Organization:Teams:0:Id"] = "east",
            ["Organization:Teams:0:Name"] = "East",
            ["Organization:Teams:0:TimeZoneId"] = "Asia/Shanghai",
            ["Organization:Teams:0:MonthlyTarget"] = "1000000",
            ["Organization:Teams:1:Id"] = "west",
            ["Organization:Teams:1:Name"] = "West",
            ["Organization:People:0:Channel"] = "teams",
            ["Organization:People:0:ExternalId"] = "admin",
            ["Organization:People:0:Role"] = "Admin",
            ["Organization:People:0:TeamId"] = "east",
            ["Organization:People:1:Channel"] = "teams",
            ["Organization:People:1:ExternalId"] = "mgr-east",
            ["Organization:People:1:Role"] = "Manager",
            ["Organization:People:1:TeamId"] = "east",
            ["Organization:People:2:Channel"] = "teams",
            ["Organization:People:2:ExternalId"] = "rep-east",
            ["Organization:People:2:TeamId"] = "east",
            ["Organization:People:2:MonthlyTarget"] = "600000",
        });
        _host = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        }));
    }

    public ManualTimeProvider Clock { get; } = new(Now);

    public IServiceProvider Services => _host.Services;

    /// <summary>One chat turn of <paramref name="user"/> in their personal chat; the replies' text.</summary>
    public async Task<string> SayAsync(string user, string text, string locale = "en")
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var conversation = scope.ServiceProvider.GetRequiredService<OppBotConversation>();
        var message = new IncomingMessage(
            new ConversationAddress("teams", "chat-" + user),
            ConversationKind.Personal,
            new ChannelIdentity("teams", user),
            user,
            locale,
            text,
            null,
            "test:" + Interlocked.Increment(ref _sequence));
        var result = await conversation.HandleAsync(message, CancellationToken.None);
        return string.Join("\n", result.Replies.SelectMany(r => new[] { r.Text }.Concat(r.Cards.SelectMany(c =>
            new[] { c.Title, c.Subtitle, c.Text }.Concat(c.Facts.Select(f => f.Label + ": " + f.Value)).Concat(c.Sections.SelectMany(s => s.Lines))))).OfType<string>());
    }

    /// <summary>The admin makes a key in chat; the key shown once in the reply.</summary>
    public async Task<string> CreateKeyAsync(string name, string role = "Rep", string team = "east")
    {
        var reply = await SayAsync("admin", $"apikey create {name} {role} {team}");
        var match = KeyPattern().Match(reply);
        Assert.True(match.Success, reply);
        return match.Value;
    }

    /// <summary>A client sending <paramref name="key"/> as a bearer token (none when null).</summary>
    public HttpClient Client(string? key)
    {
        var client = _host.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Runs <paramref name="action"/> on a store of its own (one unit of work).</summary>
    public async Task<T> StoreAsync<T>(Func<IOppBotStore, Task<T>> action)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IOppBotStore>());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _factory.DisposeAsync();
    }

    /// <summary>A deal's JSON body for POST /api/v1/opportunities.</summary>
    public static object Deal(string account, decimal amount, string source = "Expo", object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["account"] = account, ["title"] = "ERP升级", ["amount"] = amount, ["source"] = source };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        return body;
    }

    /// <summary>Creates a deal through the API and returns its number (201 asserted).</summary>
    public static async Task<int> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/opportunities", body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await Json(response)).GetProperty("number").GetInt32();
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    [GeneratedRegex("opb_[0-9a-f]{12}_[0-9a-f]{64}")]
    private static partial Regex KeyPattern();
}
