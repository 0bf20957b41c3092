using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OppBot.Adapters.Teams.Auth;

namespace OppBot.Adapters.Teams;

/// <summary>The checks data annotations cannot express; each failure names its configuration key.</summary>
internal sealed class TeamsOptionsValidator(IHostEnvironment environment) : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var failures = new List<string>();
        const string S = TeamsOptions.SectionName;

        var singleTenant = string.Equals(options.MicrosoftAppType, TeamsOptions.SingleTenant, StringComparison.OrdinalIgnoreCase);
        if (!singleTenant && !string.Equals(options.MicrosoftAppType, TeamsOptions.MultiTenant, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{S}:MicrosoftAppType must be MultiTenant or SingleTenant (was '{options.MicrosoftAppType}').");
        }

        if (options.AuthenticationEnabled)
        {
            if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
            {
                failures.Add($"{S}:MicrosoftAppPassword is required when {S}:MicrosoftAppId is set.");
            }

            if (singleTenant && !Guid.TryParse(options.MicrosoftAppTenantId, out _))
            {
                failures.Add($"{S}:MicrosoftAppTenantId must be the tenant GUID when {S}:MicrosoftAppType is SingleTenant.");
            }
        }
        else if (environment.IsProduction())
        {
            // An empty app id turns authentication off (shared/reference §3.3): anyone could post activities.
            failures.Add($"{S}:MicrosoftAppId is required in Production; an empty app id turns authentication off.");
        }

        CheckUrl(failures, $"{S}:OpenIdMetadataUrl", options.OpenIdMetadataUrl);
        CheckUrl(failures, $"{S}:EmulatorOpenIdMetadataUrl", options.EmulatorOpenIdMetadataUrl);
        CheckUrl(failures, $"{S}:TokenEndpoint", options.ResolvedTokenEndpoint);

        if (string.IsNullOrWhiteSpace(options.ChannelTokenIssuer))
        {
            failures.Add($"{S}:ChannelTokenIssuer must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.OAuthScope))
        {
            failures.Add($"{S}:OAuthScope must not be empty.");
        }

        for (var i = 0; i < options.TrustedServiceUrlHosts.Length; i++)
        {
            if (!ServiceUrlTrust.IsValidHostPattern(options.TrustedServiceUrlHosts[i]))
            {
                failures.Add($"{S}:TrustedServiceUrlHosts:{i} must be a host name or '*.' plus a domain with at least two labels (was '{options.TrustedServiceUrlHosts[i]}').");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(List<string> failures, string key, string url)
    {
        if (!TeamsOptions.IsAllowedEndpoint(url))
        {
            failures.Add($"{key} must be an absolute https URL (http only for loopback hosts); was '{url}'.");
        }
    }
}
