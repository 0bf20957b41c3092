using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OppBot.Adapters.Persistence;
using OppBot.Adapters.WeCom;
using OppBot.Bot.Tests.Support;
using OppBot.Domain;
using OppBot.Domain.Delivery;

namespace OppBot.Bot.Tests.EndToEnd;

/// <summary>
/// OppBot as WeCom sees it: the whole host (<see cref="OppBotFactory"/>, SQLite) with WeCom on, served by Kestrel on
/// a free loopback port, talking to a <see cref="WeComFakeServer"/>. Callbacks are made by tests/interop/wecom-client.mjs,
/// which encrypts and signs them with WeCom's own @wecom/crypto and POSTs them over the socket as WeCom does.
/// OppBotFactory replaces the channel senders with a recording one; here the real <see cref="WeComSender"/> is put
/// back, so replies leave through the outbox, the delivery loop and the API client to the fake.
/// </summary>
internal sealed class WeComStoryHost : IAsyncDisposable
{
    /// <summary>
    /// How long the outbox may take to drain before the test fails: the delivery loop polls every 100 ms in tests, but
    /// the sender holds the 31st message in a minute to one member until the minute is over (WeCom's limit).
    /// </summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(90);

    private readonly OppBotFactory _factory;
    private readonly WebApplicationFactory<Program> _web;
    private long _msgIds = 7_300_000_000_000_000_000 + Random.Shared.NextInt64(1_000_000_000);

    private WeComStoryHost(WeComTestApp app, WeComFakeServer api, OppBotFactory factory, WebApplicationFactory<Program> web, Uri baseUrl)
    {
        App = app;
        Api = api;
        _factory = factory;
        _web = web;
        BaseUrl = baseUrl;
    }

    public WeComTestApp App { get; }

    public WeComFakeServer Api { get; }

    /// <summary>Where OppBot listens, e.g. <c>http://127.0.0.1:41235/</c>.</summary>
    public Uri BaseUrl { get; }

    public IServiceProvider Services => _web.Services;

    /// <param name="settings">More settings, e.g. Organization:People.</param>
    public static async Task<WeComStoryHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = WeComTestApp.Generate();
        var api = await WeComFakeServer.StartAsync(app);
        var all = new Dictionary<string, string?>
        {
            // Each configuration watcher costs an inotify instance; parallel test hosts would run out.
            ["hostBuilder:reloadConfigOnChange"] = "false",
            ["WeCom:CorpId"] = app.CorpId,
            ["WeCom:AgentId"] = app.AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["WeCom:Secret"] = app.Secret,
            ["WeCom:Token"] = app.Token,
            ["WeCom:EncodingAESKey"] = app.EncodingAESKey,
            ["WeCom:ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["WeCom:RobotBaseUrl"] = api.BaseUrl.ToString(),
            [$"WeCom:RobotWebhooks:{app.RobotTeam}"] = app.RobotKey,
            ["WeCom:ThrottleBackoff"] = "00:00:00.050",
            ["Playground:Enabled"] = "false", // no demo people or deals: the stories start from an empty installation
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new OppBotFactory(all);
        WebApplicationFactory<Program>? web = null;
        try
        {
            web = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
                services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<WeComSender>())));
            web.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            web.StartServer();
            var address = web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new WeComStoryHost(app, api, factory, web, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            if (web is not null)
            {
                await web.DisposeAsync();
            }

            await factory.DisposeAsync();
            await api.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new MsgId, as WeCom gives each message (64-bit).</summary>
    public string NewMsgId() => Interlocked.Increment(ref _msgIds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs wecom-client.mjs with these requests (see its header) and returns one result per callback sent.
    /// Every request is encrypted and signed by @wecom/crypto with this app's Token, EncodingAESKey and CorpID.
    /// </summary>
    public async Task<IReadOnlyList<CallbackResult>> CallbackAsync(params JsonObject[] requests)
    {
        var input = new JsonObject
        {
            ["baseUrl"] = BaseUrl.ToString(),
            ["token"] = App.Token,
            ["encodingAESKey"] = App.EncodingAESKey,
            ["corpId"] = App.CorpId,
            ["agentId"] = App.AgentId,
            ["requests"] = new JsonArray(requests.Select(r => (JsonNode)r.DeepClone()).ToArray()),
        };
        var result = (await NodeRunner.RunAsync("wecom-client.mjs", input.ToJsonString())).EnsureSuccess();
        return JsonSerializer.Deserialize<List<CallbackResult>>(result.StdOut, JsonSerializerOptions.Web)!;
    }

    /// <summary>A text message from <paramref name="from"/>; answered 200 or the test fails.</summary>
    public async Task<CallbackResult> SayAsync(string from, string content, string? msgId = null)
    {
        var result = Assert.Single(await CallbackAsync(Text(from, content, msgId ?? NewMsgId())));
        Assert.True(result.Status == 200, $"'{content}' from {from} was answered {result.Status}: {result.Body}");
        return result;
    }

    /// <summary>
    /// A template_card_event: <paramref name="from"/> pressed the button with <paramref name="key"/> on the card sent by
    /// <paramref name="card"/>, whose task id and response code come back as WeCom sends them.
    /// </summary>
    public async Task<CallbackResult> ClickAsync(string from, WeComCall card, string key)
    {
        Assert.Contains(card.Buttons, b => b.Key == key);
        var result = Assert.Single(await CallbackAsync(new JsonObject
        {
            ["kind"] = "click",
            ["from"] = from,
            ["eventKey"] = key,
            ["taskId"] = (string?)card.Card!["task_id"],
            ["responseCode"] = card.ResponseCode,
            ["cardType"] = "button_interaction",
        }));
        Assert.True(result.Status == 200, $"click '{key}' from {from} was answered {result.Status}: {result.Body}");
        return result;
    }

    public static JsonObject Text(string from, string content, string msgId) => new()
    {
        ["kind"] = "text",
        ["from"] = from,
        ["content"] = content,
        ["msgId"] = msgId,
    };

    /// <summary>
    /// Waits until the outbox has nothing left to send (every row sent or failed), polling the database: a callback is
    /// answered once its turn is saved, so when this returns every reply of the callbacks made so far reached the API.
    /// </summary>
    public async Task DrainOutboxAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? DrainTimeout;
        var clock = Stopwatch.StartNew();
        var contexts = Services.GetRequiredService<IDbContextFactory<OppBotDbContext>>();
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var pending = await db.Outbox.CountAsync(m => m.SentAt == null && m.FailedAt == null);
            if (pending == 0)
            {
                return;
            }

            if (clock.Elapsed > limit)
            {
                throw new Xunit.Sdk.XunitException($"{pending} outbox row(s) still unsent after {limit.TotalSeconds} s. API calls:\n{string.Join("\n", Api.Calls)}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Why outbox rows failed for good (none, in a healthy story).</summary>
    public async Task<IReadOnlyList<string?>> FailedDeliveriesAsync() =>
        (await Services.GetRequiredService<OutboxStore>().ListFailedAsync(100, CancellationToken.None)).Select(m => m.FailureReason).ToList();

    /// <summary>Runs <paramref name="read"/> against the database, in a scope of its own.</summary>
    public async Task<T> ReadAsync<T>(Func<IOppBotStore, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<IOppBotStore>());
    }

    public async ValueTask DisposeAsync()
    {
        await _web.DisposeAsync();
        await _factory.DisposeAsync();
        await Api.DisposeAsync();
    }
}

/// <summary>What wecom-client.mjs reports for one callback it sent.</summary>
internal sealed record CallbackResult(string Kind, int Attempt, int Status, string? ContentType, string Body, bool? Verified, string? MsgId);
