using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OppBot.Adapters.Teams.Auth;

/// <summary>
/// Decides which connector hosts may receive the bot's outbound token (shared/reference §3.5, pitfall #4):
/// a forged or stale serviceUrl must never get it.
/// </summary>
/// <remarks>
/// Two sources, on purpose. (1) Configured host names: Teams' public and government connector hosts built in,
/// plus <see cref="TeamsOptions.TrustedServiceUrlHosts"/>. These hold on every instance, so a delivery loop on
/// instance B can send to a conversation whose activity instance A validated; an in-memory set alone would
/// break as soon as there are two instances or a restart. (2) The hosts seen in this process on activities
/// whose JWT carried a matching <c>serviceurl</c> claim: this covers hosts nobody configured (local fakes,
/// a new Teams region host) on the instance that validated them.
/// Wildcards are deliberately narrow: no "smba.*" (matches smba.evil.example) and no "*.trafficmanager.net"
/// by default (anyone can create an Azure Traffic Manager profile under that domain).
/// </remarks>
public sealed class ServiceUrlTrust(IOptions<TeamsOptions> options)
{
    /// <summary>The Bot Connector hosts Teams uses (public, GCC, GCC High, DoD; §2.3).</summary>
    public static readonly IReadOnlyList<string> BuiltInHosts =
    [
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
    ];

    private const int MaxSeenHosts = 1000;

    private readonly string[] patterns = [.. BuiltInHosts, .. options.Value.TrustedServiceUrlHosts];
    private readonly ConcurrentDictionary<string, byte> seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records the serviceUrl of an activity whose token was validated.</summary>
    public void TrustValidated(Uri serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (seen.Count < MaxSeenHosts)
        {
            seen.TryAdd(serviceUrl.GetLeftPart(UriPartial.Authority), 0);
        }
    }

    /// <summary>True when the bot's token may be sent to this serviceUrl.</summary>
    public bool IsTrusted(Uri serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (seen.ContainsKey(serviceUrl.GetLeftPart(UriPartial.Authority)))
        {
            return true;
        }

        return serviceUrl.Scheme == Uri.UriSchemeHttps && serviceUrl.IsDefaultPort
            && patterns.Any(pattern => Matches(pattern, serviceUrl.IdnHost));
    }

    /// <summary>A host name, or <c>*.</c> followed by a domain of at least two labels.</summary>
    public static bool IsValidHostPattern(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return false;
        }

        var host = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        return !host.Contains('*', StringComparison.Ordinal)
            && Uri.CheckHostName(host) == UriHostNameType.Dns
            && (!pattern.StartsWith('*') || host.Contains('.', StringComparison.Ordinal));
    }

    private static bool Matches(string pattern, string host) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase);
}
