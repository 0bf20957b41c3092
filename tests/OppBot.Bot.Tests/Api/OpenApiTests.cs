using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static OppBot.Bot.Tests.Api.ApiHost;

namespace OppBot.Bot.Tests.Api;

public sealed partial class OpenApiTests : IAsyncLifetime
{
    private readonly ApiHost _host = new();

    [Fact]
    public async Task Document_ListsEveryApiRouteWithItsMethods()
    {
        var document = await DocumentAsync();

        var paths = document.GetProperty("paths");
        var routes = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Path: OpenApiPath(e.RoutePattern.RawText!), Method: m.ToLowerInvariant())))
            .ToList();
        Assert.All(routes, r =>
        {
            Assert.True(paths.TryGetProperty(r.Path, out var item), $"{r.Path} is not in the document");
            Assert.True(item.TryGetProperty(r.Method, out _), $"{r.Method} {r.Path} is not in the document");
        });

        // The routes this API promises, so that the check above cannot pass on an empty list.
        Assert.Superset(
            new HashSet<(string, string)>
            {
                ("/api/v1/opportunities", "get"), ("/api/v1/opportunities", "post"), ("/api/v1/opportunities/{number}", "get"),
                ("/api/v1/opportunities/{number}", "patch"), ("/api/v1/opportunities/{number}/advance", "post"),
                ("/api/v1/opportunities/{number}/follow-ups", "post"), ("/api/v1/reports/funnel", "get"), ("/api/v1/reports/forecast", "get"),
                ("/api/v1/reports/leaderboard", "get"), ("/api/v1/reports/weekly", "get"),
            },
            routes.ToHashSet());
    }

    [Fact]
    public async Task Document_DeclaresBothKeySchemesAndRequiresOne()
    {
        var document = await DocumentAsync();

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(("http", "bearer"), (schemes.GetProperty("Bearer").GetProperty("type").GetString(), schemes.GetProperty("Bearer").GetProperty("scheme").GetString()));
        var header = schemes.GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (header.GetProperty("type").GetString(), header.GetProperty("in").GetString(), header.GetProperty("name").GetString()));
        Assert.Equal(["Bearer", "ApiKey"], document.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single().Name));
    }

    [Fact]
    public async Task Document_DescribesTheBodiesAndProblems()
    {
        var document = await DocumentAsync();

        var create = document.GetProperty("paths").GetProperty("/api/v1/opportunities").GetProperty("post");
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("409", out _));
        var advance = document.GetProperty("paths").GetProperty("/api/v1/opportunities/{number}/advance").GetProperty("post").GetProperty("responses");
        Assert.True(advance.TryGetProperty("202", out _));
        Assert.True(advance.TryGetProperty("422", out _));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("OpportunityJson", out _));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = _host.Client(null); // the document itself needs no key
        var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json(response);
    }

    // "/api/v1/opportunities/{number:int}/" → "/api/v1/opportunities/{number}"
    private static string OpenApiPath(string route) => Constraint().Replace(route, "}").TrimEnd('/');

    [GeneratedRegex(@":[^}]+\}")]
    private static partial Regex Constraint();
}
