using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OppBot.Adapters.Teams;
using OppBot.Adapters.Teams.Auth;
using OppBot.Bot.Tests.Support;
using OppBot.Domain.Tests.Fakes;

namespace OppBot.Bot.Tests.Teams;

/// <summary>Client-credentials token for the connector, shared/reference §3.5.</summary>
public sealed class OutboundTokenSourceTests : IDisposable
{
    private const string TokenUrl = "http://127.0.0.1/botframework.com/oauth2/v2.0/token";
    private readonly ManualTimeProvider time = new();
    private readonly RecordingHttpHandler http = new();
    private int issued;

    public OutboundTokenSourceTests() =>
        http.When(r => r.Uri.AbsoluteUri == TokenUrl, () => RecordingHttpHandler.Json(
            HttpStatusCode.OK, $$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"token-{{Interlocked.Increment(ref issued)}}"}""")());

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task GetTokenAsync_FirstCall_PostsClientCredentialsForTheConnectorScope()
    {
        var token = await CreateSut().GetTokenAsync(default);

        Assert.Equal("token-1", token);
        var request = Assert.Single(http.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(
            "grant_type=client_credentials&client_id=11111111-2222-3333-4444-555555555555&client_secret=s3cret%26%3D&scope=https%3A%2F%2Fapi.botframework.com%2F.default",
            request.Body); // the secret is form-encoded, not pasted raw
    }

    [Fact]
    public void Constructor_NeverFetches()
    {
        _ = CreateSut();

        Assert.Empty(http.Requests); // tokens are fetched lazily, never in constructors or DI factories
    }

    [Fact]
    public async Task GetTokenAsync_BeforeRefreshMargin_UsesCachedToken()
    {
        var sut = CreateSut();
        await sut.GetTokenAsync(default);
        time.Advance(TimeSpan.FromMinutes(54)); // 6 minutes left of 60

        var token = await sut.GetTokenAsync(default);

        Assert.Equal("token-1", token);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task GetTokenAsync_WithinFiveMinutesOfExpiry_FetchesANewToken()
    {
        var sut = CreateSut();
        await sut.GetTokenAsync(default);
        time.Advance(TimeSpan.FromMinutes(55)); // exactly 5 minutes left: treated as expired (JS SDK margin)

        var token = await sut.GetTokenAsync(default);

        Assert.Equal("token-2", token);
        Assert.Equal(2, http.Requests.Count);
    }

    [Fact]
    public async Task GetTokenAsync_ConcurrentCallers_ShareOneFetch()
    {
        using var gated = new GatedTokenEndpoint();
        var sut = CreateSut(gated);

        var callers = Enumerable.Range(0, 20).Select(_ => sut.GetTokenAsync(default)).ToList();
        await gated.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(10));
        gated.Release.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.Equal(1, gated.Requests);
        Assert.All(tokens, t => Assert.Equal("gated-token", t));
    }

    [Fact]
    public async Task GetTokenAsync_EndpointRefuses_ThrowsAndCachesNothing()
    {
        var refusing = new RecordingHttpHandler().When(
            _ => true,
            RecordingHttpHandler.Json(HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret"}"""),
            RecordingHttpHandler.Json(HttpStatusCode.OK, """{"access_token":"late","expires_in":3600}"""));
        var sut = CreateSut(refusing);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => sut.GetTokenAsync(default));

        Assert.Contains("invalid_client", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AADSTS", ex.Message, StringComparison.Ordinal); // descriptions may echo ids; codes suffice
        Assert.Equal("late", await sut.GetTokenAsync(default));
    }

    [Fact]
    public async Task GetTokenAsync_ExpiresInAsString_Accepted()
    {
        // AAD v1 endpoints send numbers as strings.
        var handler = new RecordingHttpHandler().When(_ => true, RecordingHttpHandler.Json(HttpStatusCode.OK, """{"access_token":"v1","expires_in":"3599"}"""));

        Assert.Equal("v1", await CreateSut(handler).GetTokenAsync(default));
    }

    [Fact]
    public async Task Invalidate_CurrentToken_NextCallFetches()
    {
        var sut = CreateSut();
        var first = await sut.GetTokenAsync(default);

        sut.Invalidate(first);

        Assert.Equal("token-2", await sut.GetTokenAsync(default));
    }

    [Fact]
    public async Task Invalidate_OlderToken_KeepsTheCurrentOne()
    {
        var sut = CreateSut();
        await sut.GetTokenAsync(default);

        sut.Invalidate("some-older-token"); // a late 401 for a token already replaced must not drop the new one

        Assert.Equal("token-1", await sut.GetTokenAsync(default));
    }

    [Theory]
    [InlineData("MultiTenant", "", "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token")] // §3.4 default authority
    [InlineData("SingleTenant", "72f90000-0000-4000-8000-000000000001", "https://login.microsoftonline.com/72f90000-0000-4000-8000-000000000001/oauth2/v2.0/token")] // botframework.com would give AADSTS700016
    [InlineData("singletenant", "72f90000-0000-4000-8000-000000000001", "https://login.microsoftonline.com/72f90000-0000-4000-8000-000000000001/oauth2/v2.0/token")] // app type is case-insensitive
    public void ResolvedTokenEndpoint_ByAppType_UsesTheRightAuthority(string appType, string tenant, string expected)
    {
        var options = new TeamsOptions { MicrosoftAppType = appType, MicrosoftAppTenantId = tenant };

        Assert.Equal(expected, options.ResolvedTokenEndpoint);
    }

    private OutboundTokenSource CreateSut(IHttpClientFactory? factory = null) => new(
        Options.Create(new TeamsOptions
        {
            MicrosoftAppId = TestTokens.AppId,
            MicrosoftAppPassword = "s3cret&=",
            TokenEndpoint = TokenUrl,
        }),
        factory ?? http,
        time,
        NullLogger<OutboundTokenSource>.Instance);

    /// <summary>A token endpoint that holds its answer until released, to line callers up behind one fetch.</summary>
    private sealed class GatedTokenEndpoint : HttpMessageHandler, IHttpClientFactory
    {
        private int requests;

        public TaskCompletionSource FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Requests => Volatile.Read(ref requests);

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref requests);
            FirstRequest.TrySetResult();
            await Release.Task;
            return RecordingHttpHandler.Json(HttpStatusCode.OK, """{"access_token":"gated-token","expires_in":3600}""")();
        }
    }
}
