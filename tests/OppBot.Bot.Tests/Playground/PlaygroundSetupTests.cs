using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OppBot.Domain;
using OppBot.Domain.People;

namespace OppBot.Bot.Tests.Playground;

public sealed class PlaygroundSetupTests
{
    [Fact]
    public async Task Root_InLocalMode_ServesThePageAndTheWebChatTheBuildBundled()
    {
        await using var factory = new PlaygroundFactory();
        using var client = factory.CreateClient();

        var page = await client.GetAsync("/");
        var webChat = await client.GetAsync("/webchat/webchat.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/webchat/webchat.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(
            webChat.StatusCode == HttpStatusCode.OK,
            "bot/wwwroot/webchat/webchat.js is missing: the build bundles it from npm (bot/webchat/) and needs Node.js and npm for that.");
        Assert.Contains("renderWebChat", await webChat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/playground/people")]
    [InlineData("POST", "/v3/directline/tokens/generate")]
    [InlineData("POST", "/playground/jobs/run")]
    public async Task Playground_WhenMicrosoftAppIdIsSet_IsOff(string method, string path)
    {
        await using var factory = new PlaygroundFactory(Registered());
        using var client = factory.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Playground_WhenMicrosoftAppIdIsSetAndEnabledExplicitly_IsOn()
    {
        await using var factory = new PlaygroundFactory(new Dictionary<string, string?>(Registered()) { ["Playground:Enabled"] = "true" });
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/playground/people");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "203.0.113.7", HttpStatusCode.NotFound)] // local mode: another machine does not see it
    [InlineData(null, "127.0.0.1", HttpStatusCode.OK)] // this machine does
    [InlineData(null, "::1", HttpStatusCode.OK)] // over IPv6 too
    [InlineData("true", "203.0.113.7", HttpStatusCode.OK)] // opened to everyone on purpose
    public async Task Playground_Callers_AreServedFromThisMachineUnlessOpenedToAll(string? enabled, string remote, HttpStatusCode expected)
    {
        await using var factory = new PlaygroundFactory(new Dictionary<string, string?> { ["Playground:Enabled"] = enabled });
        _ = factory.Services; // starts the server

        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/playground/people";
            c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        });

        Assert.Equal((int)expected, context.Response.StatusCode);
    }

    [Fact]
    public async Task Organization_WithDemo_HasTheDemoTeamAndPeopleWithTheirTargets()
    {
        await using var factory = new PlaygroundFactory(new Dictionary<string, string?> { ["Playground:Demo"] = "true" });

        var organization = factory.Services.GetRequiredService<OrganizationSettings>();

        Assert.Equal(Role.Manager, organization.Find("directline", "demo-manager")?.Role);
        Assert.Equal(Role.Rep, organization.Find("directline", "demo-rep-1")?.Role);
        Assert.All(["demo-rep-1", "demo-rep-2", "demo-manager"], id => Assert.Equal("demo", organization.Find("directline", id)?.TeamId));
        Assert.Contains(organization.Teams, t => t.Id == "demo" && t.TimeZoneId == "Asia/Shanghai");
        Assert.Equal(2_500_000m, organization.Find("directline", "demo-rep-1")?.MonthlyTarget);
    }

    [Fact]
    public async Task Organization_WithoutDemo_IsAsConfigured()
    {
        // The playground alone changes no configuration: the demo team is written to the database when first used.
        await using var factory = new PlaygroundFactory();

        var organization = factory.Services.GetRequiredService<OrganizationSettings>();

        Assert.Empty(organization.People);
        Assert.Empty(organization.Teams);
    }

    [Fact]
    public async Task Organization_ConfiguredPeopleAndTeams_AreKeptAndTheDemoOnesAppended()
    {
        await using var factory = new PlaygroundFactory(new Dictionary<string, string?>
        {
            ["Playground:Demo"] = "true",
            ["Organization:Teams:0:Id"] = "east",
            ["Organization:People:0:Channel"] = "teams",
            ["Organization:People:0:ExternalId"] = "aad-1",
            ["Organization:People:0:Role"] = "Manager",
            ["Organization:People:0:TeamId"] = "east",
        });

        var organization = factory.Services.GetRequiredService<OrganizationSettings>();

        Assert.Equal(Role.Manager, organization.Find("teams", "aad-1")?.Role);
        Assert.Equal(Role.Manager, organization.Find("directline", "demo-manager")?.Role);
        Assert.Equal(["east", "demo"], organization.Teams.Select(t => t.Id));
    }

    [Fact]
    public async Task Session_FirstOne_WritesTheDemoTeamWithItsManagerAndChannel()
    {
        await using var factory = new PlaygroundFactory();
        using var client = factory.CreateClient();
        Assert.Empty(await TeamsAsync(factory)); // the playground alone writes nothing

        await factory.SessionAsync(client, "demo-rep-1");
        await factory.SessionAsync(client, "demo-manager");

        var team = Assert.Single(await TeamsAsync(factory));
        await using var scope = factory.Services.CreateAsyncScope();
        var manager = await scope.ServiceProvider.GetRequiredService<IOppBotStore>().FindUserAsync(new("directline", "demo-manager"), default);
        Assert.Equal("demo", team.Id);
        Assert.Equal(manager?.Id, team.ManagerId);
        Assert.Equal(Role.Manager, manager?.Role);
        Assert.Equal(new OppBot.Domain.Conversations.ConversationAddress("directline", "pg-team-demo"), team.BroadcastAddress);
    }

    [Fact]
    public async Task Session_UnknownPerson_Is400()
    {
        await using var factory = new PlaygroundFactory();
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/playground/session", System.Net.Http.Json.JsonContent.Create(new { user = "ceo" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Options_TokenKeyTooShort_StopsStartUp()
    {
        await using var factory = new PlaygroundFactory(new Dictionary<string, string?> { ["Playground:TokenKey"] = "short" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains("TokenKey", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<Team>> TeamsAsync(PlaygroundFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IOppBotStore>().ListTeamsAsync(default);
    }

    private static Dictionary<string, string?> Registered() => new()
    {
        ["Bot:MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
        ["Bot:MicrosoftAppPassword"] = "not-a-real-secret",
    };
}
