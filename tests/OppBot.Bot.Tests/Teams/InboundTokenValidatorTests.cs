using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OppBot.Adapters.Teams;
using OppBot.Adapters.Teams.Auth;
using OppBot.Adapters.Teams.Protocol;
using OppBot.Bot.Tests.Support;
using OppBot.Domain.Tests.Fakes;

namespace OppBot.Bot.Tests.Teams;

/// <summary>Inbound JWT checks, shared/reference §3.1 steps 1–7 (and §3.2 for the emulator path).</summary>
public sealed class InboundTokenValidatorTests : IDisposable
{
    private readonly ManualTimeProvider time = new();
    private readonly RecordingHttpHandler http = new();
    private readonly TestTokens tokens = new();

    public InboundTokenValidatorTests() => tokens.Serve(http);

    public void Dispose()
    {
        tokens.Dispose();
        http.Dispose();
    }

    [Fact]
    public async Task ValidateAsync_ValidChannelToken_Accepted()
    {
        var result = await CreateSut().ValidateAsync(Bearer(tokens.Create(Now)), Activity(), default);

        Assert.Equal(InboundAuthResult.AcceptedForServiceUrl, result); // the serviceurl claim vouches for the host
    }

    [Fact]
    public async Task ValidateAsync_MissingAuthorization_Refused()
    {
        var result = await CreateSut().ValidateAsync(null, Activity(), default);

        Assert.Equal(InboundAuthResult.Refused("missing bearer token"), result);
        Assert.Empty(http.Requests); // refused before any key lookup
    }

    [Theory]
    [InlineData("bearer {0}")]    // scheme is case-sensitive in both SDKs
    [InlineData("Basic {0}")]     // not a bearer token at all
    [InlineData("Bearer")]        // no token
    [InlineData("Bearer  {0}")]   // three parts
    [InlineData("Bearer {0} x")]  // three parts
    public async Task ValidateAsync_MalformedAuthorization_Refused(string header)
    {
        var result = await CreateSut().ValidateAsync(string.Format(header, tokens.Create(Now)), Activity(), default);

        Assert.Equal(InboundAuthStatus.Refused, result.Status);
    }

    [Fact]
    public async Task ValidateAsync_NotAJwt_Refused()
    {
        var result = await CreateSut().ValidateAsync("Bearer not-a-jwt", Activity(), default);

        Assert.Equal(InboundAuthResult.Refused("malformed token"), result);
    }

    [Fact]
    public async Task ValidateAsync_ForgedSignature_Refused()
    {
        using var attacker = System.Security.Cryptography.RSA.Create(2048);

        var result = await CreateSut().ValidateAsync(Bearer(tokens.Create(Now, signWith: attacker)), Activity(), default);

        Assert.Equal(InboundAuthResult.Refused("invalid signature"), result);
    }

    [Fact]
    public async Task ValidateAsync_UnsignedToken_Refused()
    {
        // alg "none": the classic bypass; RequireSignedTokens must reject it.
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(
            $$"""{"iss":"{{TestTokens.ChannelIssuer}}","aud":"{{TestTokens.AppId}}","serviceurl":"{{TestTokens.ServiceUrl}}","nbf":{{Now.AddMinutes(-1).ToUnixTimeSeconds()}},"exp":{{Now.AddHours(1).ToUnixTimeSeconds()}}}"""));

        var result = await CreateSut().ValidateAsync(Bearer($"{header}.{payload}."), Activity(), default);

        Assert.Equal(InboundAuthStatus.Refused, result.Status);
    }

    [Fact]
    public async Task ValidateAsync_ExpiredBeyondClockSkew_Refused()
    {
        var token = tokens.Create(Now, notBefore: Now.AddHours(-1), expires: Now.AddMinutes(-6));

        var result = await CreateSut().ValidateAsync(Bearer(token), Activity(), default);

        Assert.Equal(InboundAuthResult.Refused("token expired or not yet valid"), result);
    }

    [Fact]
    public async Task ValidateAsync_ExpiredWithinClockSkew_Accepted()
    {
        // 5 minutes of skew (§3.1 step 4): clocks of the connector and the bot drift.
        var token = tokens.Create(Now, notBefore: Now.AddHours(-1), expires: Now.AddMinutes(-4));

        var result = await CreateSut().ValidateAsync(Bearer(token), Activity(), default);

        Assert.Equal(InboundAuthStatus.Accepted, result.Status);
    }

    [Fact]
    public async Task ValidateAsync_NotYetValid_Refused()
    {
        var token = tokens.Create(Now, notBefore: Now.AddMinutes(10), expires: Now.AddHours(1));

        var result = await CreateSut().ValidateAsync(Bearer(token), Activity(), default);

        Assert.Equal(InboundAuthResult.Refused("token expired or not yet valid"), result);
    }

    [Fact]
    public async Task ValidateAsync_WrongAudience_Refused()
    {
        var token = tokens.Create(Now, audience: "99999999-2222-3333-4444-555555555555");

        var result = await CreateSut().ValidateAsync(Bearer(token), Activity(), default);

        Assert.Equal(InboundAuthResult.Refused("wrong audience"), result);
    }

    [Theory]
    [InlineData("https://api.botframework.com.evil.example")] // look-alike issuer
    [InlineData("https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/")] // emulator issuer while emulator tokens are off
    public async Task ValidateAsync_WrongIssuer_Refused(string issuer)
    {
        var token = tokens.Create(Now, issuer: issuer);

        var result = await CreateSut().ValidateAsync(Bearer(token), Activity(), default);

        Assert.Equal(InboundAuthResult.Refused("untrusted issuer"), result);
        Assert.Empty(http.Requests); // rejected before any key lookup (§3.1 step 2)
    }

    [Fact]
    public async Task ValidateAsync_ServiceUrlClaimMismatch_Refused()
    {
        var token = tokens.Create(Now, serviceUrl: "https://smba.trafficmanager.net/amer/");

        var result = await CreateSut().ValidateAsync(Bearer(token), Activity(), default);

        Assert.Equal(InboundAuthResult.Refused("serviceurl claim does not match the activity"), result);
    }

    [Fact]
    public async Task ValidateAsync_ServiceUrlClaimMissing_Refused()
    {
        var token = tokens.Create(Now, serviceUrl: null);

        var result = await CreateSut().ValidateAsync(Bearer(token), Activity(), default);

        Assert.Equal(InboundAuthResult.Refused("serviceurl claim does not match the activity"), result);
    }

    [Fact]
    public async Task ValidateAsync_ServiceUrlClaimDiffersOnlyInCase_Accepted()
    {
        // The .NET SDK compares OrdinalIgnoreCase (§3.1 step 6).
        var token = tokens.Create(Now, serviceUrl: TestTokens.ServiceUrl.ToUpperInvariant());

        var result = await CreateSut().ValidateAsync(Bearer(token), Activity(), default);

        Assert.Equal(InboundAuthStatus.Accepted, result.Status);
    }

    [Fact]
    public async Task ValidateAsync_KeyDoesNotEndorseChannel_Refused()
    {
        using var webChatOnly = new TestTokens("key-webchat", ["webchat", "directline"]);
        var handler = new RecordingHttpHandler();
        webChatOnly.Serve(handler);

        var result = await CreateSut(handler).ValidateAsync(Bearer(webChatOnly.Create(Now)), Activity(), default);

        Assert.Equal(InboundAuthResult.Refused("signing key does not endorse the channel"), result);
    }

    [Fact]
    public async Task ValidateAsync_EndorsingKeyAndNoChannelId_Refused()
    {
        // Stricter than the SDK (which lets an empty channelId pass): Teams always sends "msteams".
        var result = await CreateSut().ValidateAsync(Bearer(tokens.Create(Now)), Activity() with { ChannelId = null }, default);

        Assert.Equal(InboundAuthResult.Refused("signing key does not endorse the channel"), result);
    }

    [Fact]
    public async Task ValidateAsync_KeyWithoutEndorsements_Accepted()
    {
        // Endorsements are checked when the key has them (the brief's rule; the .NET SDK is stricter).
        using var plain = new TestTokens("key-plain", []);
        var handler = new RecordingHttpHandler();
        plain.Serve(handler);

        var result = await CreateSut(handler).ValidateAsync(Bearer(plain.Create(Now)), Activity(), default);

        Assert.Equal(InboundAuthStatus.Accepted, result.Status);
    }

    [Fact]
    public async Task ValidateAsync_KeyRotatedSinceLastFetch_RefreshesAndAccepts()
    {
        using var rotated = new TestTokens("key-2");
        var handler = new RecordingHttpHandler();
        TestTokens.Serve(handler, TestTokens.MetadataUrl, [tokens], [tokens, rotated]);
        var sut = CreateSut(handler);
        Assert.Equal(InboundAuthStatus.Accepted, (await sut.ValidateAsync(Bearer(tokens.Create(Now)), Activity(), default)).Status);

        var result = await sut.ValidateAsync(Bearer(rotated.Create(Now)), Activity(), default);

        Assert.Equal(InboundAuthStatus.Accepted, result.Status);
        Assert.Equal(2, handler.Requests.Count(r => r.Uri.AbsoluteUri.EndsWith("/keys", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ValidateAsync_UnknownKeyEvenAfterRefresh_Refused()
    {
        using var stranger = new TestTokens("key-unknown");

        var result = await CreateSut().ValidateAsync(Bearer(stranger.Create(Now)), Activity(), default);

        Assert.Equal(InboundAuthResult.Refused("unknown signing key"), result);
    }

    [Fact]
    public async Task ValidateAsync_MetadataUnreachable_Unavailable()
    {
        var handler = new RecordingHttpHandler().When(_ => true, RecordingHttpHandler.Throws());

        var result = await CreateSut(handler).ValidateAsync(Bearer(tokens.Create(Now)), Activity(), default);

        Assert.Equal(InboundAuthStatus.Unavailable, result.Status);
    }

    [Fact]
    public async Task ValidateAsync_AuthenticationDisabled_AcceptsWithoutHeader()
    {
        var sut = CreateSut(configure: o => o.MicrosoftAppId = "");

        var result = await sut.ValidateAsync(null, Activity(), default);

        Assert.False(sut.IsEnabled);
        Assert.Equal(InboundAuthResult.Accepted, result);
        Assert.Empty(http.Requests);
    }

    [Fact]
    public async Task ValidateAsync_EmulatorTokenForThisBot_AcceptedWhenEnabled()
    {
        using var aad = new TestTokens("aad-key", []);
        var handler = new RecordingHttpHandler();
        aad.Serve(handler, TestTokens.EmulatorMetadataUrl);
        var sut = CreateSut(handler, o => o.AcceptEmulatorTokens = true);
        var token = aad.Create(Now, serviceUrl: null, issuer: EmulatorIssuer, claims: new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = TestTokens.AppId });

        var result = await sut.ValidateAsync(Bearer(token), Activity(), default);

        Assert.Equal(InboundAuthStatus.Accepted, result.Status);
        Assert.False(result.ServiceUrlVerified); // no serviceurl claim: the bot's token must not follow this serviceUrl
    }

    [Theory]
    [InlineData("1.0", "appid", "99999999-2222-3333-4444-555555555555")] // v1 token issued to another app
    [InlineData("2.0", "appid", TestTokens.AppId)]                        // v2 names the client in azp, not appid
    [InlineData("3.0", "appid", TestTokens.AppId)]                        // unknown version
    public async Task ValidateAsync_EmulatorTokenNotForThisBot_Refused(string version, string claim, string appId)
    {
        using var aad = new TestTokens("aad-key", []);
        var handler = new RecordingHttpHandler();
        aad.Serve(handler, TestTokens.EmulatorMetadataUrl);
        var sut = CreateSut(handler, o => o.AcceptEmulatorTokens = true);
        var token = aad.Create(Now, serviceUrl: null, issuer: EmulatorIssuer, claims: new Dictionary<string, object> { ["ver"] = version, [claim] = appId });

        var result = await sut.ValidateAsync(Bearer(token), Activity(), default);

        Assert.Equal(InboundAuthResult.Refused("emulator token not issued to this bot"), result);
    }

    [Fact]
    public async Task ValidateAsync_EmulatorTokenForTheConnectorAudience_Refused()
    {
        // The bot's own outbound token (aud = api.botframework.com) must not pass as an inbound one (§3.2 [REC]).
        using var aad = new TestTokens("aad-key", []);
        var handler = new RecordingHttpHandler();
        aad.Serve(handler, TestTokens.EmulatorMetadataUrl);
        var sut = CreateSut(handler, o => o.AcceptEmulatorTokens = true);
        var token = aad.Create(Now, serviceUrl: null, issuer: EmulatorIssuer, audience: "https://api.botframework.com",
            claims: new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = TestTokens.AppId });

        var result = await sut.ValidateAsync(Bearer(token), Activity(), default);

        Assert.Equal(InboundAuthResult.Refused("wrong audience"), result);
    }

    private const string EmulatorIssuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    private DateTimeOffset Now => time.GetUtcNow();

    private static string Bearer(string token) => "Bearer " + token;

    private static Activity Activity() => new()
    {
        Type = ActivityTypes.Message,
        Id = "1700000000001",
        ChannelId = "msteams",
        ServiceUrl = TestTokens.ServiceUrl,
        Conversation = new ConversationAccount { Id = "a:1personal-chat-scrubbed" },
        From = new ChannelAccount { Id = "29:1user" },
    };

    private InboundTokenValidator CreateSut(RecordingHttpHandler? handler = null, Action<TeamsOptions>? configure = null)
    {
        var options = new TeamsOptions
        {
            MicrosoftAppId = TestTokens.AppId,
            MicrosoftAppPassword = "secret",
            OpenIdMetadataUrl = TestTokens.MetadataUrl,
            EmulatorOpenIdMetadataUrl = TestTokens.EmulatorMetadataUrl,
        };
        configure?.Invoke(options);
        return new InboundTokenValidator(Options.Create(options), handler ?? http, time);
    }
}
