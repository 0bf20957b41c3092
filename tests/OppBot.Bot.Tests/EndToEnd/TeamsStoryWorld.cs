using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OppBot.Adapters.Persistence;
using OppBot.Adapters.Teams;
using OppBot.Adapters.Teams.Auth;
using OppBot.Bot.Tests.Support;
using OppBot.Bot.Tests.Teams;
using OppBot.Domain;
using OppBot.Domain.Approvals;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Scheduling;
using OppBot.Domain.Tests.Fakes;
using Xunit.Abstractions;

namespace OppBot.Bot.Tests.EndToEnd;

/// <summary>Whether the host checks inbound tokens and sends its own (an app id is configured) or runs in local mode.</summary>
public enum Auth
{
    Off,
    On,
}

/// <summary>Someone in the Teams tenant: their Teams ids, the 1:1 chat Teams gave them with the bot, their client locale.</summary>
internal sealed record TeamsUser(string Name, string TeamsId, string AadObjectId, string PersonalConversationId, string Locale)
{
    /// <summary>The language OppBot answers in once it has seen the user's locale.</summary>
    public string Language => Locales.Normalize(Locale);
}

/// <summary>One REST call the JS channel (botbuilder's ChannelServiceRoutes) understood, as connector-channel-auth.mjs printed it.</summary>
internal sealed record ChannelCall(
    string Op, string? ConversationId, string? ActivityId, string? Id, JsonObject? Activity, JsonObject? Parameters, string? MemberId, string? Authorization)
{
    public string? Type => Activity?["type"]?.GetValue<string>();

    public string? Text => Activity?["text"]?.GetValue<string>();

    /// <summary>The Adaptive Cards attached to the activity.</summary>
    public IReadOnlyList<JsonObject> Cards =>
        Activity?["attachments"]?.AsArray().OfType<JsonObject>()
            .Where(a => a["contentType"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive")
            .Select(a => a["content"]!.AsObject())
            .ToList() ?? [];

    public override string ToString() =>
        $"{Op} {ConversationId}{(ActivityId is null ? "" : "/" + ActivityId)} {Type} {(Text is { } t ? "'" + t + "'" : "")} {string.Join(" | ", Cards.Select(AdaptiveCardJson.Title))}";
}

/// <summary>
/// One OppBot installation in a Teams tenant, for the end-to-end stories: the whole host (<see cref="OppBotFactory"/>,
/// SQLite) with the real Teams adapter, talking to Microsoft's botbuilder as the channel (connector-channel-auth.mjs on
/// 127.0.0.1, which records every call), receiving activities shaped like the captured Teams fixtures. With
/// <see cref="Auth.On"/> the app id is set: inbound activities carry JWTs signed with <see cref="TestTokens"/>' key (its
/// OpenID metadata and JWKS served to the host), and the host fetches its outbound token from a fake token endpoint.
/// </summary>
/// <remarks>
/// Time is a <see cref="ManualTimeProvider"/> standing at Monday 2026-11-23 10:00 in Shanghai (the team's zone, inside
/// working hours) until a story moves it. The scheduled jobs never fire on their own (their cron is in 2099): stories
/// run the sweep themselves. Nothing waits a fixed time: after each request the outbox is polled until it is drained
/// and the JS channel's output is read up to a barrier call, so every call OppBot made is in <see cref="Calls"/>.
/// </remarks>
internal sealed class TeamsStoryWorld : IAsyncDisposable
{
    public const string BotId = "28:" + TestTokens.AppId;
    public const string TenantId = "72f90000-0000-4000-8000-000000000001";
    public const string TeamsTeamId = "19:team-sales@thread.tacv2";
    public const string TeamsChannelId = "19:sales@thread.tacv2";
    public const string SalesTeam = "sales";
    public const string TokenEndpoint = "http://127.0.0.1/botframework.com/oauth2/v2.0/token";
    public const string AppPassword = "e2e-client-secret";

    /// <summary>A cron that never fires while the tests run: the stories run the jobs' work themselves.</summary>
    private const string Never = "0 0 0 1 1 ? 2099";

    /// <summary>Monday 2026-11-23 10:00 in Asia/Shanghai: a working hour for everybody in the team.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    public static readonly TeamsUser Rep = new("Li Wei", "29:1user-li-wei", "0b1c0000-0000-4000-8000-0000000000a1", "a:1personal-li-wei", "en-US");

    /// <summary>The team's manager (configured in Organization:People), who reads Chinese.</summary>
    public static readonly TeamsUser Manager = new("王芳", "29:1user-wang-fang", "0b1c0000-0000-4000-8000-0000000000b2", "a:1personal-wang-fang", "zh-CN");

    public static readonly TeamsUser Stranger = new("Mallory", "29:1user-mallory", "0b1c0000-0000-4000-8000-0000000000e7", "a:1personal-mallory", "en-US");

    private readonly ITestOutputHelper output;
    private readonly NodeProcess channel;
    private readonly OppBotFactory factory;
    private readonly WebApplicationFactory<Program> host;
    private readonly HttpClient client;
    private readonly HttpClient barrierClient = new();
    private readonly List<ChannelCall> calls = [];
    private readonly HashSet<string> barriersSeen = [];
    private readonly List<JsonObject> invokeCards = [];
    private readonly Task pump;
    private readonly CancellationTokenSource stopping = new();
    private int messageIds;
    private int barriers;

    private TeamsStoryWorld(Auth auth, ITestOutputHelper output)
    {
        Auth = auth;
        this.output = output;
        var members = new JsonArray([.. new[] { Rep, Manager, Stranger }.Select(u => (JsonNode)new JsonObject
        {
            ["id"] = u.TeamsId,
            ["name"] = u.Name,
            ["aadObjectId"] = u.AadObjectId,
            ["tenantId"] = TenantId,
        })]);
        channel = NodeRunner.Start("connector-channel-auth.mjs", "0", members.ToJsonString());
        var port = JsonDocument.Parse(channel.FirstLine).RootElement.GetProperty("port").GetInt32();
        ServiceUrl = $"http://127.0.0.1:{port}/";
        pump = Task.Run(PumpAsync);

        // A token valid for a week, so the stories' clock jumps (two days at most) need no second fetch and "fetched
        // once, then cached" can be checked exactly; expiry and refresh are OutboundTokenSourceTests' business.
        Tokens.Serve(Identity);
        Identity.When(
            r => r.Uri.AbsoluteUri == TokenEndpoint,
            RecordingHttpHandler.Json(HttpStatusCode.OK, $$"""{"token_type":"Bearer","expires_in":604800,"access_token":"{{OutboundToken}}"}"""));

        factory = new OppBotFactory(Settings(auth));
        host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            // The real Teams sender (OppBotFactory puts a recording fake in its place) and the manual clock.
            services.RemoveAll<IChannelSender>();
            services.AddScoped<IChannelSender, TeamsSender>();
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);

            // OpenID metadata, JWKS and token endpoint: the fakes. Connector calls go over the wire to the JS channel.
            services.AddHttpClient(InboundTokenValidator.MetadataClientName).ConfigurePrimaryHttpMessageHandler(() => Identity);
            services.AddHttpClient(OutboundTokenSource.ClientName).ConfigurePrimaryHttpMessageHandler(() => Identity);
        }));
        client = host.CreateClient();
    }

    public Auth Auth { get; }

    public ManualTimeProvider Clock { get; } = new(Start) { TimeZone = TimeZoneInfo.Utc };

    /// <summary>The JS channel's base URL, the serviceUrl of every activity.</summary>
    public string ServiceUrl { get; }

    /// <summary>Signs inbound activities' tokens; its metadata and keys are what the host fetches.</summary>
    public TestTokens Tokens { get; } = new();

    /// <summary>The fake OpenID metadata, JWKS and token endpoint, with every request they got.</summary>
    public RecordingHttpHandler Identity { get; } = new();

    /// <summary>The access token the fake token endpoint hands out.</summary>
    public string OutboundToken { get; } = "e2e-outbound-" + Guid.NewGuid().ToString("N");

    /// <summary>Every call OppBot made to the channel so far (barrier calls left out).</summary>
    public IReadOnlyList<ChannelCall> Calls
    {
        get
        {
            lock (calls)
            {
                return [.. calls];
            }
        }
    }

    /// <summary>Starts the channel and the host (the database is created and migrated here).</summary>
    public static async Task<TeamsStoryWorld> StartAsync(Auth auth, ITestOutputHelper output)
    {
        var world = new TeamsStoryWorld(auth, output);
        try
        {
            var health = await world.client.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            // The setting above must reach the host: no file watchers (inotify instances) for appsettings.
            var configuration = (IConfigurationRoot)world.host.Services.GetRequiredService<IConfiguration>();
            Assert.All(configuration.Providers.OfType<FileConfigurationProvider>(), p => Assert.False(p.Source.ReloadOnChange, p.Source.Path));
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    private static Dictionary<string, string?> Settings(Auth auth) => new()
    {
        // One inotify instance per file watcher; parallel test hosts exhaust the per-user limit otherwise.
        ["hostBuilder:reloadConfigOnChange"] = "false",
        ["Playground:Enabled"] = "false",
        ["Bot:MicrosoftAppId"] = auth == Auth.On ? TestTokens.AppId : "",
        ["Bot:MicrosoftAppPassword"] = auth == Auth.On ? AppPassword : "",
        ["Bot:OpenIdMetadataUrl"] = TestTokens.MetadataUrl,
        ["Bot:TokenEndpoint"] = TokenEndpoint,
        ["FollowUps:SweepCron"] = Never,
        ["Review:CheckCron"] = Never,
        ["Organization:DefaultTeamId"] = SalesTeam,
        ["Organization:Teams:0:Id"] = SalesTeam,
        ["Organization:Teams:0:Name"] = "Sales East",
        ["Organization:Teams:0:TimeZoneId"] = "Asia/Shanghai",
        ["Organization:People:0:Channel"] = TeamsAddress.Channel,
        ["Organization:People:0:ExternalId"] = Manager.AadObjectId,
        ["Organization:People:0:Role"] = nameof(Role.Manager),
        ["Organization:People:0:TeamId"] = SalesTeam,
    };

    /// <summary>Writes a line of the story's summary to the test output.</summary>
    public void Note(string line) => output.WriteLine($"[auth {Auth}] {line}");

    // ---- Activities, shaped as Teams sends them (the captured fixtures in Teams/Fixtures, ids replaced) ----

    /// <summary>The user installs OppBot in their personal scope: conversationUpdate with both in membersAdded.</summary>
    public JsonObject Install(TeamsUser user)
    {
        var activity = Fixture("install-personal.json");
        activity["id"] = "f:" + NextMessageId();
        activity["membersAdded"] = new JsonArray(
            new JsonObject { ["id"] = user.TeamsId, ["aadObjectId"] = user.AadObjectId },
            new JsonObject { ["id"] = BotId });
        Address(activity, user, Personal(user));

        // As captured: Teams names nobody in an install event, and sends no locale with it.
        activity["from"]!.AsObject().Remove("name");
        return activity;
    }

    /// <summary>A message typed in the user's 1:1 chat with OppBot.</summary>
    public JsonObject Message(TeamsUser user, string text)
    {
        var activity = Fixture("message-personal.json");
        activity["id"] = NextMessageId();
        activity["text"] = text;
        Address(activity, user, Personal(user));
        return activity;
    }

    /// <summary>A new post in the team's Sales channel that @mentions OppBot.</summary>
    public JsonObject ChannelMessage(TeamsUser user, string text)
    {
        var activity = Fixture("message-channel-mention.json");
        var id = NextMessageId();
        activity["id"] = id;
        activity["text"] = $"<at>OppBot</at>&nbsp; {text}";
        activity["attachments"]![0]!["content"] =
            $"<div><div><span itemscope=\"\" itemtype=\"http://schema.skype.com/Mention\" itemid=\"0\">OppBot</span>&nbsp; {WebUtility.HtmlEncode(text)}</div></div>";
        activity["channelData"] = new JsonObject
        {
            ["teamsChannelId"] = TeamsChannelId,
            ["teamsTeamId"] = TeamsTeamId,
            ["channel"] = new JsonObject { ["id"] = TeamsChannelId },
            ["team"] = new JsonObject { ["id"] = TeamsTeamId },
            ["tenant"] = new JsonObject { ["id"] = TenantId },
        };
        Address(activity, user, new JsonObject
        {
            ["isGroup"] = true,
            ["conversationType"] = "channel",
            ["tenantId"] = TenantId,
            ["id"] = ChannelThread(id),
        });
        return activity;
    }

    /// <summary>The conversation id of the thread a channel post starts.</summary>
    public static string ChannelThread(string rootMessageId) => $"{TeamsChannelId};messageid={rootMessageId}";

    /// <summary>
    /// The user presses an <c>Action.Execute</c> button of a card OppBot posted as <paramref name="cardActivityId"/> in
    /// <paramref name="conversationId"/>: an <c>adaptiveCard/action</c> invoke whose <c>value.action.data</c> is the
    /// button's data merged with every input of the card, as Teams sends it (text left empty as "", toggles as
    /// "true"/"false"). <paramref name="typed"/> are the values the user entered; each must be an input of the card.
    /// </summary>
    public JsonObject Press(TeamsUser user, string conversationId, string cardActivityId, JsonObject card, string verb, IReadOnlyDictionary<string, string>? typed = null)
    {
        var button = AdaptiveCardJson.Action(card, verb);
        Assert.Equal("Action.Execute", button.Type);
        var inputs = AdaptiveCardJson.Inputs(card);
        var data = JsonNode.Parse(button.Data.ToJsonString())!.AsObject();
        foreach (var input in inputs)
        {
            data[input.Id] = typed?.GetValueOrDefault(input.Id) ?? input.Value ?? (input.Type == "Input.Toggle" ? "false" : "");
        }

        foreach (var key in typed?.Keys ?? [])
        {
            Assert.True(inputs.Any(i => i.Id == key), $"The card '{AdaptiveCardJson.Title(card)}' has no input '{key}'.");
        }

        var activity = Fixture("action-execute-invoke.json");
        activity["id"] = "f:" + NextMessageId();
        activity["replyToId"] = cardActivityId;
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId }, ["source"] = new JsonObject { ["name"] = "message" } };
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["title"] = button.Title, ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        Address(activity, user, new JsonObject { ["conversationType"] = "personal", ["tenantId"] = TenantId, ["id"] = conversationId });
        return activity;
    }

    private static JsonObject Personal(TeamsUser user) =>
        new() { ["conversationType"] = "personal", ["tenantId"] = TenantId, ["id"] = user.PersonalConversationId };

    private void Address(JsonObject activity, TeamsUser user, JsonObject conversation)
    {
        activity["serviceUrl"] = ServiceUrl;
        activity["timestamp"] = Clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        activity.Remove("localTimestamp");
        activity["from"] = new JsonObject { ["id"] = user.TeamsId, ["name"] = user.Name, ["aadObjectId"] = user.AadObjectId };
        activity["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "OppBot" };
        activity["conversation"] = conversation;
        if (activity.ContainsKey("locale"))
        {
            activity["locale"] = user.Locale;
        }

        foreach (var entity in activity["entities"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (entity["type"]?.GetValue<string>() == "clientInfo")
            {
                entity["locale"] = user.Locale;
            }
        }
    }

    private string NextMessageId() => (1_700_000_100_000L + Interlocked.Increment(ref messageIds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Fixture(string name) => JsonNode.Parse(TeamsFixtures.Json(name))!.AsObject();

    // ---- Talking to OppBot ----

    /// <summary>A valid token for an activity at <see cref="ServiceUrl"/>, as the Bot Connector signs it (auth on), or null.</summary>
    public string? ValidToken() => Auth == Auth.On ? Tokens.Create(Clock.GetUtcNow(), serviceUrl: ServiceUrl) : null;

    /// <summary>POSTs an activity to /api/messages with <paramref name="bearer"/> (or no Authorization header).</summary>
    public async Task<HttpResponseMessage> PostRawAsync(JsonObject activity, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TeamsChannel.Route)
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Sends an activity as the channel would (valid token when auth is on), expects 200, and waits until everything it caused was delivered.</summary>
    public async Task SendAsync(JsonObject activity)
    {
        using var response = await PostRawAsync(activity, ValidToken());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /api/messages answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await SettleAsync();
    }

    /// <summary>Sends an <c>adaptiveCard/action</c> invoke; returns the invoke response body after everything it caused was delivered.</summary>
    public async Task<JsonObject> InvokeAsync(JsonObject activity)
    {
        using var response = await PostRawAsync(activity, ValidToken());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The invoke answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonNode.Parse(body)!.AsObject();
        if (json["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive")
        {
            lock (invokeCards)
            {
                invokeCards.Add(json["value"]!.AsObject());
            }
        }

        await SettleAsync();
        return json;
    }

    /// <summary>The card of an invoke response that updates the clicked card in place (status 200, an Adaptive Card).</summary>
    public static JsonObject UpdatedCard(JsonObject invokeResponse)
    {
        Assert.Equal(200, invokeResponse["statusCode"]?.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", invokeResponse["type"]?.GetValue<string>());
        var card = invokeResponse["value"]!.AsObject();
        Assert.Equal("AdaptiveCard", card["type"]?.GetValue<string>());
        return card;
    }

    /// <summary>
    /// Waits until the outbox is drained (every row sent; a failed row fails the story with its reason), then reads the
    /// JS channel's output up to a barrier call, so <see cref="Calls"/> holds every call OppBot made.
    /// </summary>
    public async Task SettleAsync()
    {
        var signal = host.Services.GetRequiredService<DeliverySignal>();
        await EventuallyAsync("the outbox to be drained", async () =>
        {
            signal.Notify();
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<OppBotDbContext>>().CreateDbContextAsync();
            var failed = await db.Outbox.AsNoTracking().Where(m => m.FailedAt != null).Select(m => m.FailureReason).ToListAsync();
            Assert.True(failed.Count == 0, "Outbox rows failed: " + string.Join("; ", failed));
            return !await db.Outbox.AsNoTracking().AnyAsync(m => m.SentAt == null);
        });

        // Every send above got its answer, so the channel wrote its line before answering; a call made after them is
        // printed after them too (one stdout), so once the barrier's line is read, so are theirs.
        var barrier = $"barrier-{Interlocked.Increment(ref barriers)}";
        using var response = await barrierClient.PostAsync(
            new Uri($"{ServiceUrl}v3/conversations/e2e-barrier/activities"),
            new StringContent($$"""{"type":"message","text":"{{barrier}}"}""", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        await EventuallyAsync($"the channel to print {barrier}", () =>
        {
            lock (calls)
            {
                return Task.FromResult(barriersSeen.Contains(barrier));
            }
        });
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <see cref="WaitLimit"/>.</summary>
    public async Task EventuallyAsync(string what, Func<Task<bool>> condition)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(WaitLimit.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!await condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                Assert.Fail($"Timed out after {WaitLimit.TotalSeconds} s waiting for {what}. Channel calls so far:\n{string.Join("\n", Calls)}\nchannel stderr:\n{channel.StdErr}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>How many calls the channel has recorded; pass it to <see cref="CallsSince"/>.</summary>
    public int Mark() => Calls.Count;

    public IReadOnlyList<ChannelCall> CallsSince(int mark) => Calls.Skip(mark).ToList();

    /// <summary>The messages (no typing indicators) posted into <paramref name="conversationId"/> since <paramref name="mark"/>.</summary>
    public IReadOnlyList<ChannelCall> PostedSince(int mark, string conversationId) =>
        CallsSince(mark).Where(c => c.Op == "sendToConversation" && c.ConversationId == conversationId && c.Type == "message").ToList();

    /// <summary>The one card posted into <paramref name="conversationId"/> since <paramref name="mark"/>, with the activity id the channel gave it.</summary>
    public (JsonObject Card, string ActivityId) SingleCardSince(int mark, string conversationId)
    {
        var withCards = PostedSince(mark, conversationId).Where(c => c.Cards.Count > 0).ToList();
        Assert.True(withCards.Count == 1, $"Expected one card in {conversationId}, got {withCards.Count}:\n{string.Join("\n", CallsSince(mark))}");
        return (Assert.Single(withCards[0].Cards), withCards[0].Id!);
    }

    // ---- OppBot's state, read through its own store ----

    public async Task<Opportunity?> DealAsync(int number) => await WithStoreAsync(s => s.GetOpportunityAsync(number, default));

    public async Task<SalesRep?> UserAsync(TeamsUser user) =>
        await WithStoreAsync(s => s.FindUserAsync(new ChannelIdentity(TeamsAddress.Channel, user.AadObjectId), default));

    public async Task<Approval?> ApprovalAsync(Guid id) => await WithStoreAsync(s => s.GetApprovalAsync(id, default));

    public async Task<bool> WasProcessedAsync(JsonObject activity) =>
        await WithStoreAsync(s => s.WasProcessedAsync("teams:" + activity["id"]!.GetValue<string>(), default));

    public async Task<int> OutboxCountAsync()
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<OppBotDbContext>>().CreateDbContextAsync();
        return await db.Outbox.CountAsync();
    }

    public async Task<int> DealCountAsync()
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<OppBotDbContext>>().CreateDbContextAsync();
        return await db.Opportunities.CountAsync();
    }

    /// <summary>Runs the follow-up sweep as the job does (a scope of its own, the delivery loop poked after) at <paramref name="at"/>, the clock moved there first.</summary>
    public async Task<SweepResult> RunFollowUpSweepAsync(DateTimeOffset at)
    {
        Clock.SetUtcNow(at);
        SweepResult result;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<FollowUpSweep>().RunAsync(at, default);
        }

        host.Services.GetRequiredService<DeliverySignal>().Notify();
        await SettleAsync();
        return result;
    }

    private async Task<T> WithStoreAsync<T>(Func<IOppBotStore, Task<T>> read)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<IOppBotStore>());
    }

    // ---- What was sent, checked as a whole ----

    /// <summary>
    /// Checks what OppBot sent during the story: every call authenticated as configured (auth on: the fake endpoint's
    /// token on every call, fetched once with the app's credentials; auth off: no Authorization header and no token
    /// fetch), nothing unrouted, and every card it sent (posted, updated, or returned in an invoke response) valid for
    /// Microsoft's adaptivecards 1.5 with zero errors. Returns how many distinct cards were validated.
    /// </summary>
    public async Task<int> VerifyEverythingSentAsync()
    {
        var all = Calls;
        Assert.DoesNotContain(all, c => c.Op == "unrouted");
        Assert.DoesNotContain(all, c => c.Op == "replyToActivity"); // OppBot only replies to an activity to apologise for a failed turn
        var tokenRequests = Identity.To(HttpMethod.Post, "/oauth2/v2.0/token");
        if (Auth == Auth.On)
        {
            Assert.All(all, c => Assert.True(c.Authorization == $"Bearer {OutboundToken}", $"{c} carried '{c.Authorization}'"));
            var fetch = Assert.Single(tokenRequests); // cached: one fetch for the whole story
            var form = fetch.Body!.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
            Assert.Equal("client_credentials", form["grant_type"]);
            Assert.Equal(TestTokens.AppId, form["client_id"]);
            Assert.Equal(AppPassword, form["client_secret"]);
            Assert.Equal("https://api.botframework.com/.default", form["scope"]);
        }
        else
        {
            Assert.All(all, c => Assert.True(c.Authorization is null, $"{c} carried a token in local mode"));
            Assert.Empty(tokenRequests);
            Assert.Empty(Identity.Requests); // no metadata fetch either
        }

        List<JsonObject> cards;
        lock (invokeCards)
        {
            cards = [.. all.SelectMany(c => c.Cards), .. invokeCards];
        }

        var distinct = cards.GroupBy(c => c.ToJsonString()).Select(g => g.First()).ToList();
        Assert.NotEmpty(distinct);
        var result = await NodeRunner.RunAsync("validate-card.mjs", new JsonArray([.. distinct.Select(c => (JsonNode)JsonNode.Parse(c.ToJsonString())!)]).ToJsonString());
        result.EnsureSuccess();
        var verdicts = JsonNode.Parse(result.StdOut)!.AsArray();
        Assert.Equal(distinct.Count, verdicts.Count);
        var problems = verdicts
            .Select((v, i) => (Title: AdaptiveCardJson.Title(distinct[i]), Errors: v!["errors"]!.AsArray()))
            .Where(v => v.Errors.Count > 0)
            .Select(v => $"'{v.Title}': {v.Errors.ToJsonString()}")
            .ToList();
        Assert.True(problems.Count == 0, "adaptivecards 1.5 found errors:\n" + string.Join("\n", problems));
        var warnings = verdicts.Sum(v => v!["warnings"]!.AsArray().Count);
        Note($"story 10 (every card): {distinct.Count} distinct cards ({cards.Count} sent or returned) valid for adaptivecards 1.5, 0 errors, {warnings} warnings; " +
            (Auth == Auth.On ? $"all {all.Count} channel calls carried the fetched token (1 token fetch)" : $"all {all.Count} channel calls without a token"));
        return distinct.Count;
    }

    // ---- The JS channel's output ----

    private async Task PumpAsync()
    {
        // Killing the script does not always end its output with an end-of-stream, so the pump also stops when told.
        while (!stopping.IsCancellationRequested)
        {
            string? line;
            try
            {
                line = await channel.ReadLineAsync(TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
                continue;
            }

            if (line is null)
            {
                return;
            }

            var json = JsonNode.Parse(line)!.AsObject();
            var call = new ChannelCall(
                json["op"]!.GetValue<string>(),
                json["conversationId"]?.GetValue<string>(),
                json["activityId"]?.GetValue<string>(),
                json["id"]?.GetValue<string>(),
                json["activity"] as JsonObject,
                json["parameters"] as JsonObject,
                json["memberId"]?.GetValue<string>(),
                json["authorization"]?.GetValue<string>());
            lock (calls)
            {
                if (call.ConversationId == "e2e-barrier")
                {
                    barriersSeen.Add(call.Text!);
                }
                else
                {
                    calls.Add(call);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        barrierClient.Dispose();
        await factory.DisposeAsync(); // disposes the host made with WithWebHostBuilder, then deletes the database
        await stopping.CancelAsync();
        await pump;
        channel.Dispose();
        stopping.Dispose();
        Tokens.Dispose();
        Identity.Dispose();
    }
}
