using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using OppBot.Adapters.Teams;

namespace OppBot.Bot.Tests.Teams;

/// <summary>The "Bot" section is checked at start; each failure names its key.</summary>
public sealed class TeamsOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_SucceedInDevelopment()
    {
        Assert.True(Validate(new TeamsOptions()).Succeeded); // local mode: no app id, auth off
    }

    [Fact]
    public void Validate_NoAppIdInProduction_Fails()
    {
        var result = Validate(new TeamsOptions(), Environments.Production);

        Assert.Contains("Bot:MicrosoftAppId", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConfiguredAppInProduction_Succeeds()
    {
        Assert.True(Validate(App(), Environments.Production).Succeeded);
    }

    [Fact]
    public void Validate_AppIdWithoutPassword_Fails()
    {
        var options = App();
        options.MicrosoftAppPassword = "";

        Assert.Contains("Bot:MicrosoftAppPassword", Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]             // missing
    [InlineData("contoso.com")]  // a domain, not the tenant GUID
    public void Validate_SingleTenantWithoutTenantGuid_Fails(string tenant)
    {
        var options = App();
        options.MicrosoftAppType = "SingleTenant";
        options.MicrosoftAppTenantId = tenant;

        Assert.Contains("Bot:MicrosoftAppTenantId", Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownAppType_Fails()
    {
        var options = App();
        options.MicrosoftAppType = "UserAssignedMSI"; // not supported: no managed-identity token path

        Assert.Contains("Bot:MicrosoftAppType", Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://login.example.com/v1/.well-known/openidconfiguration", false)] // plain http to a real host
    [InlineData("http://127.0.0.1:8080/v1/.well-known/openidconfiguration", true)]     // local fake in tests
    [InlineData("http://localhost/v1/.well-known/openidconfiguration", true)]          // local fake in tests
    [InlineData("https://login.botframework.azure.us/v1/.well-known/openidconfiguration", true)] // US Gov
    [InlineData("not a url", false)]
    public void Validate_MetadataUrl_HttpsOrLoopbackOnly(string url, bool valid)
    {
        var options = App();
        options.OpenIdMetadataUrl = url;

        var result = Validate(options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Bot:OpenIdMetadataUrl", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_HttpTokenEndpoint_Fails()
    {
        var options = App();
        options.TokenEndpoint = "http://login.example.com/token"; // the secret would travel in clear text

        Assert.Contains("Bot:TokenEndpoint", Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadTrustedHost_FailsNamingItsIndex()
    {
        var options = App();
        options.TrustedServiceUrlHosts = ["connector.contoso.example", "smba.*"];

        Assert.Contains("Bot:TrustedServiceUrlHosts:1", Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    private static TeamsOptions App() => new()
    {
        MicrosoftAppId = "11111111-2222-3333-4444-555555555555",
        MicrosoftAppPassword = "secret",
    };

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(TeamsOptions options, string environment = "Development") =>
        new TeamsOptionsValidator(new Environment(environment)).Validate(null, options);

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "OppBot.Bot";

        public string ContentRootPath { get; set; } = "";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
