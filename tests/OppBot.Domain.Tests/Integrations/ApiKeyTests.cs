using OppBot.Domain.Integrations;
using OppBot.Domain.People;

namespace OppBot.Domain.Tests.Integrations;

public class ApiKeyTests
{
    private static readonly SalesRep Admin = TestData.Rep("Admin", role: Role.Admin);

    private static (ApiKey Key, SalesRep ActsAs, string Plain) Issue(Role role = Role.Rep)
    {
        var issued = Assert.IsType<ApiKeyIssue.Issued>(ApiKey.Issue("erp", role, "east", Admin, TestData.Now));
        return (issued.Key, issued.ActsAs, issued.PlainKey);
    }

    [Fact]
    public void Issue_Admin_KeyActsAsAPersonOfItsOwnWithTheRoleAndTeam()
    {
        var (key, actsAs, plain) = Issue(Role.Manager);

        Assert.Matches("^opb_[0-9a-f]{12}_[0-9a-f]{64}$", plain);
        Assert.Equal(key.UserId, actsAs.Id);
        Assert.Equal(("API erp", Role.Manager, "east"), (actsAs.DisplayName, actsAs.Role, actsAs.TeamId));
        Assert.Equal(new OppBot.Domain.Conversations.ChannelIdentity(ApiKey.Channel, key.Lookup), Assert.Single(actsAs.Identities));
        Assert.Equal(plain[4..16], key.Lookup);
    }

    [Fact]
    public void Issue_TwoKeys_DifferInLookupSaltAndSecret()
    {
        var a = Issue();
        var b = Issue();

        Assert.NotEqual(a.Key.Lookup, b.Key.Lookup);
        Assert.NotEqual(a.Key.Salt, b.Key.Salt);
        Assert.False(a.Key.Accepts(b.Plain));
    }

    [Theory]
    [InlineData(Role.Admin, "erp", Role.Admin, ApiKeyRefusal.BadRole)] // an integration never gets every team
    [InlineData(Role.Manager, "erp", Role.Rep, ApiKeyRefusal.AdminOnly)] // only admins issue keys
    [InlineData(Role.Admin, "ERP", Role.Rep, ApiKeyRefusal.BadName)] // names are lower case
    public void Issue_NotAllowed_IsRefused(Role issuer, string name, Role role, ApiKeyRefusal why)
    {
        var result = ApiKey.Issue(name, role, "east", TestData.Rep("Someone", role: issuer), TestData.Now);

        Assert.Equal(why, Assert.IsType<ApiKeyIssue.Refused>(result).Why);
    }

    [Theory]
    [InlineData("erp")] // letters
    [InlineData("erp-sync_2.0")] // digits and - _ .
    public void IsValidName_Allowed(string name) => Assert.True(ApiKey.IsValidName(name));

    [Theory]
    [InlineData("")] // empty
    [InlineData("ERP")] // upper case
    [InlineData("my erp")] // a space would end the chat argument
    [InlineData("a234567890123456789012345678901234567890x")] // 41 characters
    public void IsValidName_Refused(string name) => Assert.False(ApiKey.IsValidName(name));

    [Fact]
    public void Accepts_TheKey_True()
    {
        var (key, _, plain) = Issue();

        Assert.True(key.Accepts(plain));
    }

    [Fact]
    public void Accepts_OneSecretDigitChanged_False()
    {
        var (key, _, plain) = Issue();
        var tampered = plain[..^1] + (plain[^1] == '0' ? '1' : '0');

        Assert.False(key.Accepts(tampered));
    }

    [Theory]
    [InlineData(null)] // no key
    [InlineData("")] // empty
    [InlineData("Bearer opb_")] // a header value, not a key
    [InlineData("opb_0123456789ab_0123")] // too short
    [InlineData("opb_0123456789AB_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")] // upper-case hex
    [InlineData("xyz_0123456789ab_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")] // another prefix
    [InlineData("opb_0123456789ab-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")] // wrong separator
    public void LookupOf_NotShapedLikeAKey_Null(string? presented) => Assert.Null(ApiKey.LookupOf(presented));

    [Fact]
    public void LookupOf_AKey_IsTheTwelveHexDigits()
    {
        Assert.Equal("0123456789ab", ApiKey.LookupOf("opb_0123456789ab_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public void Revoke_Admin_TheKeyStopsWorking()
    {
        var (key, _, plain) = Issue();

        Assert.Null(key.Revoke(Admin, TestData.Now.AddDays(1)));

        Assert.False(key.Accepts(plain));
        Assert.Equal(TestData.Now.AddDays(1), key.RevokedAt);
        Assert.Equal(ApiKeyRefusal.AlreadyRevoked, key.Revoke(Admin, TestData.Now.AddDays(2)));
    }

    [Fact]
    public void Revoke_NotAdmin_IsRefusedAndTheKeyWorks()
    {
        var (key, _, plain) = Issue();

        Assert.Equal(ApiKeyRefusal.AdminOnly, key.Revoke(TestData.Manager(), TestData.Now));
        Assert.True(key.Accepts(plain));
    }
}
