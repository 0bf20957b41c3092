using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OppBot.Bot.Playground;
using OppBot.Bot.Tests.Support;
using OppBot.Domain.Delivery;

namespace OppBot.Bot.Tests.Playground;

/// <summary>
/// The whole host (<see cref="Program"/>) in local mode with the playground on, over a SQLite file of its own, with the
/// real senders (Direct Line writes transcripts; nothing here reaches Teams or WeCom) and fast delivery polling.
/// <see cref="StartKestrel"/> serves it on a free loopback port for a browser; otherwise requests go through
/// the in-process test server. Two factories given the same database path are two instances of one installation.
/// </summary>
public sealed class PlaygroundFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;

    /// <summary>A host with a new database (or <paramref name="databasePath"/>) and these settings on top of the test defaults.</summary>
    public PlaygroundFactory(IReadOnlyDictionary<string, string?>? settings = null, string? databasePath = null)
    {
        _ownsDatabase = databasePath is null;
        DatabasePath = databasePath ?? OppBotFactory.NewDatabasePath();
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={DatabasePath}",
            ["Bot:MicrosoftAppId"] = string.Empty,
            ["WeCom:CorpId"] = string.Empty,
            ["Delivery:PollInterval"] = "00:00:00.100",
            ["Delivery:FirstRetryDelay"] = "00:00:00.050",
            ["Delivery:MaxRetryDelay"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>Starts Kestrel on a free port of 127.0.0.1 and returns the base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>Tokens for one demo person's chat and the team channel (POST /playground/session).</summary>
    public async Task<PlaygroundSession> SessionAsync(HttpClient client, string userId)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync("/playground/session", new { user = userId });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return new PlaygroundSession(Conversation(body["chat"]!), Conversation(body["channel"]!));

        static DirectLineConversation Conversation(JsonNode node) => new((string)node["conversationId"]!, (string)node["token"]!);
    }

    /// <inheritdoc/>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            OppBotFactory.DeleteDatabase(DatabasePath);
        }
    }
}

/// <summary>A person's two Direct Line conversations.</summary>
public sealed record PlaygroundSession(DirectLineConversation Chat, DirectLineConversation Channel);

/// <summary>A Direct Line conversation and a token for it, with the calls Web Chat makes.</summary>
public sealed record DirectLineConversation(string Id, string Token)
{
    /// <summary>A request carrying the token.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    /// <summary>Posts a message as Web Chat does; returns the activity id the endpoint gave it.</summary>
    public async Task<string> SayAsync(HttpClient client, string? text, object? value = null, string? clientActivityId = null, string? locale = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var activity = new Dictionary<string, object?>
        {
            ["type"] = "message",
            ["text"] = text,
            ["value"] = value,
            ["from"] = new { id = "someone-else", name = "Web Chat user" },
            ["locale"] = locale,
            ["channelData"] = new { clientActivityID = clientActivityId ?? Guid.NewGuid().ToString("N") },
        };
        var response = await client.SendAsync(Request(HttpMethod.Post, $"/v3/directline/conversations/{Id}/activities", activity));
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>GET activities after <paramref name="watermark"/>.</summary>
    public async Task<(List<JsonObject> Activities, string Watermark)> ActivitiesAsync(HttpClient client, string? watermark = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.SendAsync(Request(HttpMethod.Get, $"/v3/directline/conversations/{Id}/activities?watermark={watermark}"));
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (body["activities"]!.AsArray().Select(a => a!.AsObject()).ToList(), (string)body["watermark"]!);
    }

    /// <summary>
    /// Polls (as Web Chat does) until an activity from the bot matches, or fails after <paramref name="timeout"/>
    /// (default 30 s; the delivery loop writes replies within a poll interval).
    /// </summary>
    public async Task<JsonObject> WaitForBotAsync(HttpClient client, Func<JsonObject, bool> match, string? watermark = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        var seen = new List<string>();
        while (clock.Elapsed < limit)
        {
            var (activities, _) = await ActivitiesAsync(client, watermark);
            foreach (var activity in activities.Where(a => (string?)a["from"]?["role"] == "bot"))
            {
                if (match(activity))
                {
                    return activity;
                }

                seen.Add(activity.ToJsonString());
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No matching bot activity in {Id} within the timeout. Seen:\n{string.Join("\n", seen.Distinct().TakeLast(10))}");
    }
}

/// <summary>Helpers for the cards in Direct Line activities.</summary>
public static class DirectLineActivities
{
    /// <summary>The Adaptive Card of an activity, or null.</summary>
    public static JsonObject? Card(JsonObject activity) => activity["attachments"]?.AsArray().FirstOrDefault()?["content"]?.AsObject();

    /// <summary>All text in an activity (its text and every string in its cards).</summary>
    public static string AllText(JsonObject activity) => activity.ToJsonString(Adapters.Teams.Cards.AdaptiveCard.JsonOptions);

    /// <summary>The sender a delivery for a channel would use, from the host's services.</summary>
    public static IChannelSender SenderFor(IServiceProvider services, string channel) =>
        services.GetServices<IChannelSender>().Single(s => s.Channel == channel);
}
