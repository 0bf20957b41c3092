using System.Net;
using System.Text;
using static OppBot.Bot.Tests.Api.ApiHost;

namespace OppBot.Bot.Tests.Api;

/// <summary>Whatever a client sends, the answer is a 4xx problem that says what is wrong, never a 500.</summary>
public sealed class ApiErrorTests : IAsyncLifetime
{
    private readonly ApiHost _host = new();

    [Theory]
    [InlineData("{bad", "not valid JSON")] // malformed
    [InlineData("""{"account":"Acme","title":"CRM","amount":1000,"colour":"red"}""", "Unknown field 'colour'")] // unknown field
    [InlineData("""{"account":"Acme","title":"CRM","amount":"50万"}""", "$.amount")] // a string for a number
    [InlineData("""{"account":"Acme","title":"CRM","amount":1000,"source":"Billboard"}""", "is not a source")] // not an enum value
    [InlineData("""{"account":"Acme","title":"CRM","amount":1000,"source":3}""", "$.source")] // an enum as a number
    [InlineData("""{"account":"Acme","title":"CRM","amount":1000,"nextStep":"Call","nextStepDue":"friday"}""", "$.nextStepDue")] // not a date
    [InlineData("""{"account":"Acme","title":"CRM","amount":1000,"scorecard":{"urgency":11}}""", "between 0 and 10")] // out of range
    [InlineData("[1,2,3]", "not valid")] // JSON, but not an object
    [InlineData("null", "not null")] // null
    [InlineData("", "A JSON object is required")] // nothing
    public async Task Create_MalformedBody_400ProblemNot500(string body, string expected)
    {
        using var client = _host.Client(await _host.CreateKeyAsync("erp"));

        var response = await client.PostAsync(new Uri("/api/v1/opportunities", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("OppBot.Bot", text, StringComparison.Ordinal); // no .NET type names
    }

    [Fact]
    public async Task Create_NotJson_415()
    {
        using var client = _host.Client(await _host.CreateKeyAsync("erp"));

        var response = await client.PostAsync(new Uri("/api/v1/opportunities", UriKind.Relative), new StringContent("account=Acme", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("PATCH", "/api/v1/opportunities/1", """{"amount":"lots"}""")] // wrong type in a patch
    [InlineData("POST", "/api/v1/opportunities/1/advance", """{"to":"proposal","when":"now"}""")] // unknown field on advance
    [InlineData("POST", "/api/v1/opportunities/1/follow-ups", """{"note":42}""")] // a number for the note
    [InlineData("GET", "/api/v1/reports/weekly?from=last-monday", null)] // a bad date in the query
    [InlineData("POST", "/api/v1/opportunities?force=maybe", """{"account":"A","title":"B","amount":1}""")] // not a boolean
    public async Task OtherEndpoints_Malformed_400(string method, string url, string? body)
    {
        using var client = _host.Client(await _host.CreateKeyAsync("erp"));
        await CreateAsync(client, Deal("Acme", 1000m));
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownDeal_404Problem()
    {
        using var client = _host.Client(await _host.CreateKeyAsync("erp"));

        var response = await client.GetAsync(new Uri("/api/v1/opportunities/999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("There is no deal #999 visible to this key.", (await Json(response)).GetProperty("detail").GetString());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
