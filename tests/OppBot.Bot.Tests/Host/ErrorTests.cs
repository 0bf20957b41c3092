using System.Net;
using System.Text;
using OppBot.Bot.Tests.Support;

namespace OppBot.Bot.Tests.Host;

public sealed class ErrorTests : IAsyncLifetime
{
    private readonly OppBotFactory _factory = new();

    [Theory]
    [InlineData("{bad")] // not JSON at all
    [InlineData("[1,2,3]")] // JSON, but not an activity
    [InlineData("")] // empty body
    public async Task PostMessages_Malformed_400ProblemDetailsNot500(string body)
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownRoute_404ProblemDetails()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync(new Uri("/no/such/thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
