using Microsoft.Extensions.Options;
using OppBot.Adapters.Teams;
using OppBot.Adapters.Teams.Auth;

namespace OppBot.Bot.Tests.Teams;

/// <summary>Where the bot's token may go (shared/reference §3.5, pitfall #4).</summary>
public sealed class ServiceUrlTrustTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", true)]              // Teams public
    [InlineData("https://SMBA.trafficmanager.net/emea/", true)]              // host names are case-insensitive
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/teams", true)]   // GCC
    [InlineData("https://smba.infra.gov.teams.microsoft.us/teams", true)]    // GCC High
    [InlineData("https://smba.infra.dod.teams.microsoft.us/teams", true)]    // DoD
    [InlineData("http://smba.trafficmanager.net/amer/", false)]              // no TLS
    [InlineData("https://smba.trafficmanager.net:8443/amer/", false)]        // another port is another service
    [InlineData("https://smba.trafficmanager.net.evil.example/", false)]     // suffix look-alike
    [InlineData("https://evil.smba.trafficmanager.net/", false)]             // exact hosts do not cover subdomains
    [InlineData("https://attacker.trafficmanager.net/", false)]              // anyone can create Traffic Manager profiles
    [InlineData("http://127.0.0.1:5000/", false)]                            // loopback only once seen on a validated activity
    public void IsTrusted_BuiltInHosts(string serviceUrl, bool trusted)
    {
        Assert.Equal(trusted, CreateSut().IsTrusted(new Uri(serviceUrl)));
    }

    [Theory]
    [InlineData("https://connector.contoso.example/", true)]     // exact configured host
    [InlineData("https://eu.bots.contoso.example/x/", true)]     // *.bots.contoso.example
    [InlineData("https://bots.contoso.example/", false)]         // the wildcard needs a subdomain
    [InlineData("https://eu.bots.contoso.example.evil/", false)] // suffix look-alike
    public void IsTrusted_ConfiguredHosts(string serviceUrl, bool trusted)
    {
        var sut = CreateSut("connector.contoso.example", "*.bots.contoso.example");

        Assert.Equal(trusted, sut.IsTrusted(new Uri(serviceUrl)));
    }

    [Fact]
    public void TrustValidated_ThenSameHostAnyPath_Trusted()
    {
        var sut = CreateSut();

        sut.TrustValidated(new Uri("http://127.0.0.1:5000/fake/"));

        Assert.True(sut.IsTrusted(new Uri("http://127.0.0.1:5000/other/")));
        Assert.False(sut.IsTrusted(new Uri("http://127.0.0.1:5001/"))); // another port is another origin
    }

    [Theory]
    [InlineData("connector.contoso.example", true)]   // exact host
    [InlineData("*.contoso.example", true)]           // subdomains of a two-label domain
    [InlineData("*", false)]                          // everything
    [InlineData("*.net", false)]                      // a whole TLD
    [InlineData("smba.*", false)]                     // matches smba.evil.example
    [InlineData("a.*.example", false)]                // wildcards only at the front
    [InlineData("https://connector.example", false)]  // a URL, not a host
    [InlineData("", false)]                           // empty
    public void IsValidHostPattern_Pattern(string pattern, bool valid)
    {
        Assert.Equal(valid, ServiceUrlTrust.IsValidHostPattern(pattern));
    }

    private static ServiceUrlTrust CreateSut(params string[] hosts) =>
        new(Options.Create(new TeamsOptions { TrustedServiceUrlHosts = hosts }));
}
