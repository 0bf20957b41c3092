using System.ComponentModel.DataAnnotations;
using OppBot.Adapters.Teams.Auth;

namespace OppBot.Adapters.Teams;

/// <summary>
/// The "Bot" configuration section. Key names are the Bot Framework's own (shared/reference §3.6) so the same
/// settings work for the JS counterparts. Every URL is configurable so tests can point it at a local fake.
/// </summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Bot";

    public const string MultiTenant = "MultiTenant";

    public const string SingleTenant = "SingleTenant";

    /// <summary>
    /// The Azure Bot's Microsoft App ID. Empty turns authentication off in both directions (local mode: no inbound
    /// JWT check, no outbound token, §3.3); refused at start in the Production environment.
    /// </summary>
    public string MicrosoftAppId { get; set; } = "";

    /// <summary>The app's client secret. Required with an app id; comes from the environment, never appsettings.</summary>
    public string MicrosoftAppPassword { get; set; } = "";

    /// <value><c>MultiTenant</c> (default) or <c>SingleTenant</c> (§3.4). Managed identities are not supported.</value>
    public string MicrosoftAppType { get; set; } = MultiTenant;

    /// <summary>The app's tenant; required for <c>SingleTenant</c>.</summary>
    public string MicrosoftAppTenantId { get; set; } = "";

    /// <summary>Where the Bot Connector's signing keys are published (§3.1).</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The issuer of channel tokens (§3.1); US Gov uses https://api.botframework.us.</summary>
    public string ChannelTokenIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>
    /// Accept Bot Framework Emulator / AAD tokens as well (§3.2). Off by default: in production only the
    /// Bot Connector talks to the bot. When on, <c>aud</c> must still be the app id (stricter than the SDKs).
    /// </summary>
    public bool AcceptEmulatorTokens { get; set; }

    /// <summary>Where AAD's signing keys are published, for emulator tokens (§3.2).</summary>
    public string EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>
    /// The OAuth2 token endpoint for outbound calls (§3.5). Empty = derived from <see cref="MicrosoftAppType"/>:
    /// the botframework.com tenant for multi-tenant apps, <see cref="MicrosoftAppTenantId"/> for single-tenant ones.
    /// </summary>
    public string TokenEndpoint { get; set; } = "";

    /// <summary>The scope of outbound tokens (§3.5).</summary>
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>
    /// Connector hosts that may receive the bot's token, in addition to Teams' public and government hosts
    /// (<see cref="ServiceUrlTrust.BuiltInHosts"/>). Exact host names, or <c>*.example.com</c> for subdomains.
    /// </summary>
    public string[] TrustedServiceUrlHosts { get; set; } = [];

    /// <value>How many times one connector call is retried after 429/412/5xx. Defaults to 3.</value>
    [Range(0, 10)]
    [Display(Name = "Bot:MaxRetries")]
    public int MaxRetries { get; set; } = 3;

    /// <value>
    /// The longest the connector client waits before a retry (backoff or Retry-After). A longer Retry-After is
    /// handed back to the caller (the delivery loop reschedules). Defaults to 10 seconds.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    [Display(Name = "Bot:MaxRetryDelay")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <value>Timeout of one HTTP request to the connector or token endpoint. Defaults to 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    [Display(Name = "Bot:RequestTimeout")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when an app id is configured: inbound tokens are checked and outbound calls carry a token.</summary>
    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>The token endpoint in force (§3.4).</summary>
    public string ResolvedTokenEndpoint =>
        !string.IsNullOrWhiteSpace(TokenEndpoint) ? TokenEndpoint
        : string.Equals(MicrosoftAppType, SingleTenant, StringComparison.OrdinalIgnoreCase)
            ? $"https://login.microsoftonline.com/{MicrosoftAppTenantId}/oauth2/v2.0/token"
            : "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    /// <summary>True for an https URL, or an http URL to a loopback host (local fakes in tests).</summary>
    internal static bool IsAllowedEndpoint(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
