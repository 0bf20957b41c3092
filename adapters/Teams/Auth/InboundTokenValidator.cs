using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using OppBot.Adapters.Teams.Protocol;

namespace OppBot.Adapters.Teams.Auth;

/// <summary>
/// Checks the bearer JWT the Bot Connector puts on every POST to /api/messages (shared/reference §3.1),
/// and optionally Bot Framework Emulator tokens (§3.2). With no app id configured every request is accepted (§3.3).
/// </summary>
public sealed class InboundTokenValidator
{
    public const string MetadataClientName = "OppBot.Teams.OpenIdMetadata";

    /// <summary>The issuers of Emulator / AAD tokens (shared/reference §3.2).</summary>
    private static readonly string[] EmulatorIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
        "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
        "https://sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/",
        "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0",
        "https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    private static readonly string[] Algorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly TeamsOptions options;
    private readonly TimeProvider timeProvider;
    private readonly JsonWebTokenHandler handler = new();
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? channelKeys;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? emulatorKeys;
    private readonly string[] emulatorIssuers;

    static InboundTokenValidator()
    {
        // IdentityModel 8 refreshes keys in the background once it holds a configuration, so "RequestRefresh() and
        // retry once" on an unknown kid (§3.1) would retry against the stale keys and refuse a freshly rotated key.
        // This switch restores the blocking refresh. It is process-wide; this validator is the only
        // ConfigurationManager in OppBot. The refresh itself is still rate-limited (RefreshInterval, 5 min).
        AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);
    }

    public InboundTokenValidator(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        this.options = options.Value;
        this.timeProvider = timeProvider;
        if (!this.options.AuthenticationEnabled)
        {
            emulatorIssuers = [];
            return;
        }

        // No I/O here: ConfigurationManager fetches on first use and refreshes every 12 h (and on RequestRefresh,
        // at most every 5 min), which meets the "refresh at least every 24 h" rule.
        channelKeys = CreateManager(this.options.OpenIdMetadataUrl, httpClientFactory);
        if (this.options.AcceptEmulatorTokens)
        {
            emulatorKeys = CreateManager(this.options.EmulatorOpenIdMetadataUrl, httpClientFactory);
        }

        // Single-tenant apps also see tokens from their own tenant (shared/reference §3.2, §3.4).
        emulatorIssuers = string.IsNullOrWhiteSpace(this.options.MicrosoftAppTenantId)
            ? EmulatorIssuers
            : [.. EmulatorIssuers,
                $"https://sts.windows.net/{this.options.MicrosoftAppTenantId}/",
                $"https://login.microsoftonline.com/{this.options.MicrosoftAppTenantId}/v2.0"];
    }

    /// <summary>False in local mode (no app id): requests are not authenticated and outbound calls carry no token.</summary>
    public bool IsEnabled => channelKeys is not null;

    /// <summary>True when the header is <c>Bearer &lt;token&gt;</c>: exactly two parts, scheme case-sensitive (§3.1 step 1).</summary>
    public static bool IsBearer(string? authorization, out string token)
    {
        token = "";
        var parts = authorization?.Split(' ') ?? [];
        if (parts.Length != 2 || parts[0] != "Bearer" || parts[1].Length == 0)
        {
            return false;
        }

        token = parts[1];
        return true;
    }

    /// <summary>Validates the request's token against the (already parsed) activity it carries.</summary>
    public async Task<InboundAuthResult> ValidateAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (channelKeys is null)
        {
            return InboundAuthResult.Accepted;
        }

        if (!IsBearer(authorization, out var token))
        {
            return InboundAuthResult.Refused("missing bearer token");
        }

        // Decode without trusting it, to pick the path by issuer before any key lookup (§3.1 step 2).
        string issuer;
        try
        {
            issuer = new JsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return InboundAuthResult.Refused("malformed token");
        }

        if (issuer == options.ChannelTokenIssuer)
        {
            return await ValidateChannelTokenAsync(token, activity, cancellationToken);
        }

        if (emulatorKeys is not null && emulatorIssuers.Contains(issuer, StringComparer.Ordinal))
        {
            return await ValidateEmulatorTokenAsync(token, cancellationToken);
        }

        return InboundAuthResult.Refused("untrusted issuer");
    }

    private async Task<InboundAuthResult> ValidateChannelTokenAsync(string token, Activity activity, CancellationToken cancellationToken)
    {
        var (result, configuration, failure) = await ValidateSignedAsync(channelKeys!, token, [options.ChannelTokenIssuer], cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        // Endorsements (§3.1 step 5): a key that lists channels may only sign for those channels.
        var keyId = result!.SecurityToken.SigningKey?.KeyId;
        var key = configuration!.JsonWebKeySet?.Keys.FirstOrDefault(k => k.KeyId == keyId);
        if (key is not null && key.AdditionalData.TryGetValue("endorsements", out var raw))
        {
            if (!Endorses(raw, activity.ChannelId))
            {
                return InboundAuthResult.Refused("signing key does not endorse the channel");
            }
        }

        // The serviceurl claim must name the activity's serviceUrl (§3.1 step 6), compared as the .NET SDK does.
        if (!result.Claims.TryGetValue("serviceurl", out var claim) || claim is not string serviceUrl
            || !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return InboundAuthResult.Refused("serviceurl claim does not match the activity");
        }

        return InboundAuthResult.AcceptedForServiceUrl;
    }

    private async Task<InboundAuthResult> ValidateEmulatorTokenAsync(string token, CancellationToken cancellationToken)
    {
        var (result, _, failure) = await ValidateSignedAsync(emulatorKeys!, token, emulatorIssuers, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        // v1 tokens name the client in appid, v2 in azp; any other version is refused (§3.2).
        var version = result!.Claims.TryGetValue("ver", out var v) ? v as string : null;
        var clientClaim = version switch
        {
            null or "" or "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        if (clientClaim is null || !result.Claims.TryGetValue(clientClaim, out var client) || client as string != options.MicrosoftAppId)
        {
            return InboundAuthResult.Refused("emulator token not issued to this bot");
        }

        return InboundAuthResult.Accepted;
    }

    private async Task<(TokenValidationResult? Result, OpenIdConnectConfiguration? Configuration, InboundAuthResult? Failure)> ValidateSignedAsync(
        ConfigurationManager<OpenIdConnectConfiguration> keys, string token, string[] issuers, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            OpenIdConnectConfiguration configuration;
            try
            {
                configuration = await keys.GetConfigurationAsync(cancellationToken);
            }
            catch (InvalidOperationException)
            {
                return (null, null, InboundAuthResult.Unavailable("signing keys unavailable"));
            }

            var result = await handler.ValidateTokenAsync(token, Parameters(configuration, issuers));
            if (result.IsValid)
            {
                return (result, configuration, null);
            }

            // New keys can appear at any time: on an unknown kid refresh once and retry (§3.1 "Key refresh").
            if (attempt == 0 && result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                keys.RequestRefresh();
                continue;
            }

            return (null, null, InboundAuthResult.Refused(Describe(result.Exception)));
        }
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration, string[] issuers) => new()
    {
        ValidIssuers = issuers,
        ValidAudience = options.MicrosoftAppId,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = Algorithms,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidateLifetime,
    };

    /// <summary>exp/nbf against the injected clock (so tests can use fake time), 5 minutes of skew (§3.1 step 4).</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return expires is not null
            && now <= expires.Value + ClockSkew
            && (notBefore is null || now >= notBefore.Value - ClockSkew);
    }

    private static bool Endorses(object? endorsements, string? channelId)
    {
        if (string.IsNullOrEmpty(channelId))
        {
            return false;
        }

        return endorsements switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array =>
                array.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.GetString() == channelId),
            IEnumerable<object> list => list.Any(e => e as string == channelId),
            _ => false,
        };
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenInvalidLifetimeException => "token expired or not yet valid",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "untrusted issuer",
        SecurityTokenSignatureKeyNotFoundException => "unknown signing key",
        SecurityTokenInvalidSignatureException => "invalid signature",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed",
        _ => "invalid token",
    };

    private ConfigurationManager<OpenIdConnectConfiguration> CreateManager(string metadataUrl, IHttpClientFactory httpClientFactory)
    {
        var requireHttps = new Uri(metadataUrl).Scheme == Uri.UriSchemeHttps;
        return new ConfigurationManager<OpenIdConnectConfiguration>(
            metadataUrl,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(httpClientFactory.CreateClient(MetadataClientName)) { RequireHttps = requireHttps });
    }
}
