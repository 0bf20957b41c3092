using System.Net;
using System.Net.Http.Json;
using static OppBot.Bot.Tests.Api.ApiHost;

namespace OppBot.Bot.Tests.Api;

/// <summary>Keys are made and revoked by an admin in chat; the API takes them as a bearer token or X-Api-Key.</summary>
public sealed class ApiKeyAuthTests : IAsyncLifetime
{
    private readonly ApiHost _host = new();

    [Fact]
    public async Task KeyCreatedInChat_AsBearerOrHeader_IsAccepted()
    {
        var key = await _host.CreateKeyAsync("erp");
        using var bearer = _host.Client(key);
        using var header = _host.Client(null);
        header.DefaultRequestHeaders.Add("X-Api-Key", key);

        var viaBearer = await bearer.GetAsync(new Uri("/api/v1/opportunities", UriKind.Relative));
        var viaHeader = await header.GetAsync(new Uri("/api/v1/opportunities", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, viaBearer.StatusCode);
        Assert.Equal("""{"items":[],"nextCursor":null}""", await viaBearer.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, viaHeader.StatusCode);
    }

    [Theory]
    [InlineData(null)] // no key at all
    [InlineData("not-a-key")] // not shaped like a key
    [InlineData("opb_0123456789ab_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")] // shaped like one, unknown
    public async Task NoValidKey_401Problem(string? key)
    {
        using var client = _host.Client(key);

        var response = await client.GetAsync(new Uri("/api/v1/opportunities", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(401, (await Json(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task RightLookupWrongSecret_401()
    {
        var key = await _host.CreateKeyAsync("erp");
        using var client = _host.Client(key[..^4] + (key[^4..] == "0000" ? "1111" : "0000"));

        var response = await client.GetAsync(new Uri("/api/v1/reports/funnel", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task KeyRevokedInChat_401FromThenOn()
    {
        var key = await _host.CreateKeyAsync("erp");
        using var client = _host.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/opportunities", UriKind.Relative))).StatusCode);

        Assert.Contains("revoked", await _host.SayAsync("admin", "apikey revoke erp"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/opportunities", Deal("Acme", 1000m))).StatusCode);
    }

    [Fact]
    public async Task CsvExport_TakesTheSameKeys()
    {
        var key = await _host.CreateKeyAsync("erp");
        using var client = _host.Client(key);
        await CreateAsync(client, Deal("Acme", 1000m));
        using var anonymous = _host.Client(null);

        var export = await client.GetAsync(new Uri("/api/v1/export", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, export.StatusCode); // bot/Csv asks the ApiCaller this API registers
        Assert.Contains("Acme", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/v1/export", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task NotAnAdmin_CannotMakeKeys()
    {
        var reply = await _host.SayAsync("rep-east", "apikey create erp Rep east");

        Assert.Contains("Only admins manage API keys.", reply, StringComparison.Ordinal);
        Assert.Empty(await _host.StoreAsync(s => s.ListApiKeysAsync(default)));
    }

    [Fact]
    public async Task TheKey_IsStoredOnlyAsASaltedHash()
    {
        var key = await _host.CreateKeyAsync("erp");

        var stored = Assert.Single(await _host.StoreAsync(s => s.ListApiKeysAsync(default)));
        Assert.Equal(key[4..16], stored.Lookup);
        Assert.DoesNotContain(key[17..], stored.Hash + stored.Salt, StringComparison.Ordinal);
        Assert.True(stored.Accepts(key));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
