using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OppBot.Adapters.WeCom;
using OppBot.Bot.Tests.Support;
using OppBot.Domain.Delivery;

namespace OppBot.Bot.Tests.WeCom;

/// <summary>
/// AddWeComChannel/MapWeComChannel on a bare WebApplication (not Program: the host is composed elsewhere), and
/// one live run of tests/interop/wecom-client.mjs, which plays WeCom with @wecom/crypto, against it on 127.0.0.1.
/// </summary>
public sealed class WeComChannelTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["WeCom:CorpId"] = WeComVectors.CorpId,
        ["WeCom:AgentId"] = "1000002",
        ["WeCom:Secret"] = "app-secret",
        ["WeCom:Token"] = WeComVectors.Token,
        ["WeCom:EncodingAESKey"] = WeComVectors.Key,
        ["WeCom:RobotWebhooks:east"] = "robot-key-east",
    };

    private static WebApplication Build(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddWeComChannel();
        var app = builder.Build();
        app.MapWeComChannel();
        return app;
    }

    [Fact]
    public void AddWeComChannel_NoCorpId_RegistersNothing()
    {
        using var app = Build(new Dictionary<string, string?> { ["WeCom:Token"] = "ignored" });

        Assert.Empty(app.Services.GetServices<IChannelSender>());
        Assert.DoesNotContain(Routes(app), r => r == WeComEndpoint.Path);
    }

    [Fact]
    public void AddWeComChannel_Valid_RegistersSenderAndRoutes()
    {
        using var app = Build(Valid);

        Assert.Equal("wecom", Assert.Single(app.Services.GetServices<IChannelSender>()).Channel);
        Assert.Equal(2, Routes(app).Count(r => r == WeComEndpoint.Path)); // GET and POST
        Assert.Equal("robot-key-east", app.Services.GetRequiredService<IOptions<WeComOptions>>().Value.RobotWebhooks["east"]);
    }

    [Theory]
    [InlineData("WeCom:Token", null, "WeCom:Token is required")] // missing
    [InlineData("WeCom:Token", "has space", "WeCom:Token must be")] // not letters and digits
    [InlineData("WeCom:EncodingAESKey", null, "WeCom:EncodingAESKey is required")] // missing
    [InlineData("WeCom:EncodingAESKey", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh", "WeCom:EncodingAESKey must be")] // 42 characters
    [InlineData("WeCom:Secret", null, "WeCom:Secret is required")] // missing
    [InlineData("WeCom:AgentId", "0", "WeCom:AgentId is required")] // not set
    [InlineData("WeCom:RobotWebhooks:east", "", "RobotWebhooks:east")] // robot without key
    public async Task Start_BadValue_StopsWithMessageNamingTheKey(string key, string? value, string message)
    {
        var settings = new Dictionary<string, string?>(Valid) { [key] = value };
        if (value is null)
        {
            settings.Remove(key);
        }

        await using var app = Build(settings);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(ex.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_SeveralBadValues_ListsEveryProblem()
    {
        await using var app = Build(new Dictionary<string, string?> { ["WeCom:CorpId"] = WeComVectors.CorpId });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Equal(4, ex.Failures.Count()); // Token, EncodingAESKey, Secret, AgentId
    }

    [Fact]
    public async Task WeComClientScript_AgainstLiveHost_VerifiesAndIsAnswered()
    {
        // A fake WeCom API on its own port, for the apology the endpoint sends when the turn fails
        // (no OppBotConversation is registered in this bare host, so every turn fails).
        var sent = new ConcurrentQueue<JsonObject>();
        await using var fakeApi = FakeApiHost(sent);
        await fakeApi.StartAsync();
        var settings = new Dictionary<string, string?>(Valid) { ["WeCom:ApiBaseUrl"] = Address(fakeApi) };
        await using var app = Build(settings);
        await app.StartAsync();

        var input = new JsonObject
        {
            ["baseUrl"] = Address(app),
            ["token"] = WeComVectors.Token,
            ["encodingAESKey"] = WeComVectors.Key,
            ["corpId"] = WeComVectors.CorpId,
            ["agentId"] = 1000002,
            ["requests"] = new JsonArray(
                new JsonObject { ["kind"] = "verify" },
                new JsonObject { ["kind"] = "event", ["from"] = "zhangsan", ["event"] = "unsubscribe" },
                new JsonObject { ["kind"] = "text", ["from"] = "zhangsan", ["content"] = "新建商机 ACME", ["msgId"] = "7300000000000000009" },
                new JsonObject { ["kind"] = "text", ["from"] = "zhangsan", ["content"] = "x", ["msgId"] = "1", ["tamper"] = "signature" },
                new JsonObject { ["kind"] = "text", ["from"] = "zhangsan", ["content"] = "x", ["msgId"] = "2", ["tamper"] = "receiveId" },
                new JsonObject { ["kind"] = "text", ["from"] = "zhangsan", ["content"] = "x", ["msgId"] = "3", ["timestamp"] = 1_000_000_000 }),
        };

        var result = (await NodeRunner.RunAsync("wecom-client.mjs", input.ToJsonString())).EnsureSuccess();

        var answers = JsonNode.Parse(result.StdOut)!.AsArray();
        Assert.True((bool)answers[0]!["verified"]!, answers[0]!.ToJsonString());
        Assert.Equal("text/plain; charset=utf-8", (string)answers[0]!["contentType"]!);
        Assert.Equal(200, (int)answers[1]!["status"]!); // ignored event: acknowledged
        Assert.Equal(200, (int)answers[2]!["status"]!); // failed turn: still acknowledged …
        Assert.Equal("", (string)answers[2]!["body"]!);
        Assert.Equal(401, (int)answers[3]!["status"]!); // wrong signature
        Assert.Equal(403, (int)answers[4]!["status"]!); // another corp's ciphertext
        Assert.Equal(401, (int)answers[5]!["status"]!); // replayed: timestamp far in the past
        var apology = Assert.Single(sent); // … and the user got the apology, once
        Assert.Equal("zhangsan", (string)apology["touser"]!);
        Assert.Equal(WeComEndpoint.Apology, (string)apology["text"]!["content"]!);
    }

    private static WebApplication FakeApiHost(ConcurrentQueue<JsonObject> sent)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var api = builder.Build();
        api.MapGet("/cgi-bin/gettoken", () => Results.Text("""{"errcode":0,"errmsg":"ok","access_token":"T","expires_in":7200}""", "application/json"));
        api.MapPost("/cgi-bin/message/send", async (HttpRequest request) =>
        {
            sent.Enqueue((JsonObject)(await JsonNode.ParseAsync(request.Body))!);
            return Results.Text("""{"errcode":0,"errmsg":"ok","msgid":"M1"}""", "application/json");
        });
        return api;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

    private static List<string?> Routes(WebApplication app) =>
        ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText).ToList();
}
