using System.Text.RegularExpressions;
using OppBot.Domain.Conversations;
using OppBot.Domain.Integrations;
using OppBot.Domain.People;
using static OppBot.Domain.Tests.Conversations.ConversationHarness;

namespace OppBot.Domain.Tests.Conversations;

/// <summary><c>apikey create|revoke|list</c> / <c>接口密钥 创建|吊销|列表</c>, for admins. "mgr-wang" is made an admin.</summary>
public partial class ApiKeyCommandTests
{
    private readonly ConversationHarness _h = new();

    [Fact]
    public async Task Create_Admin_ShowsTheKeyOnceAndStoresOnlyItsHash()
    {
        await AdminAsync();

        var result = await _h.Say(Boss, "apikey create erp Rep east", "en");

        var plain = KeyIn(AllText(result));
        var key = Assert.Single(await _h.Store.ListApiKeysAsync(default));
        Assert.Equal(("erp", Role.Rep, "east"), (key.Name, key.Role, key.TeamId));
        Assert.True(key.Accepts(plain));
        Assert.DoesNotContain(plain[^64..], key.Hash + key.Salt + key.Lookup, StringComparison.Ordinal);
        var actsAs = Assert.Single(_h.Store.Users, u => u.Id == key.UserId);
        Assert.Equal(("API erp", Role.Rep, "east"), (actsAs.DisplayName, actsAs.Role, actsAs.TeamId));
    }

    [Fact]
    public async Task Create_ChineseWords_ManagerKey()
    {
        await AdminAsync();

        var text = AllText(await _h.Say(Boss, "接口密钥 创建 oa 经理 west"));

        Assert.Contains("密钥只显示这一次", text, StringComparison.Ordinal);
        Assert.Equal(Role.Manager, Assert.Single(await _h.Store.ListApiKeysAsync(default)).Role);
    }

    [Theory]
    [InlineData("apikey create erp Admin east", "The role \"Admin\" is not valid")] // keys act as Rep or Manager
    [InlineData("apikey create erp Rep north", "There is no team \"north\"")] // neither stored nor configured
    [InlineData("apikey create ERP! Rep east", "The name \"ERP!\" is not valid")] // lower-case letters, digits, - _ .
    [InlineData("apikey create erp", "Usage: apikey create")] // too few words
    [InlineData("apikey rotate erp", "Usage: apikey create")] // unknown action
    public async Task Create_BadInput_SaysWhyAndCreatesNothing(string text, string expected)
    {
        await AdminAsync();

        Assert.Contains(expected, AllText(await _h.Say(Boss, text, "en")), StringComparison.Ordinal);
        Assert.Empty(await _h.Store.ListApiKeysAsync(default));
    }

    [Fact]
    public async Task Create_NameOfAnActiveKey_IsRefused()
    {
        await AdminAsync();
        await _h.Say(Boss, "apikey create erp Rep east", "en");

        Assert.Contains("is active already", AllText(await _h.Say(Boss, "apikey create erp Manager east", "en")), StringComparison.Ordinal);
        Assert.Single(await _h.Store.ListApiKeysAsync(default));
    }

    [Fact]
    public async Task Create_InAGroup_IsRefusedSoTheKeyNeverLandsThere()
    {
        await AdminAsync();

        var text = AllText(await _h.Say(Boss, "apikey create erp Rep east", "en", ConversationKind.Channel));

        Assert.Contains("personal chat", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey.Prefix, text, StringComparison.Ordinal);
        Assert.Empty(await _h.Store.ListApiKeysAsync(default));
    }

    [Fact]
    public async Task AnyAction_NotAdmin_IsRefused()
    {
        Assert.Contains("Only admins", AllText(await _h.Say(Rep, "apikey list", "en")), StringComparison.Ordinal);
        Assert.Contains("只有管理员", AllText(await _h.Say(Rep, "接口密钥 创建 erp Rep east")), StringComparison.Ordinal);
        Assert.Empty(await _h.Store.ListApiKeysAsync(default));
    }

    [Fact]
    public async Task Revoke_ActiveKey_StopsItAndTheListSaysSo()
    {
        await AdminAsync();
        var plain = KeyIn(AllText(await _h.Say(Boss, "apikey create erp Rep east", "en")));

        var revoked = AllText(await _h.Say(Boss, "apikey revoke erp", "en"));
        var list = AllText(await _h.Say(Boss, "apikey list", "en"));

        Assert.Contains("Key \"erp\" revoked", revoked, StringComparison.Ordinal);
        Assert.False(Assert.Single(await _h.Store.ListApiKeysAsync(default)).Accepts(plain));
        Assert.Contains("API keys (0)", list, StringComparison.Ordinal);
        Assert.Contains("**erp** · Rep · team east · opb_", list, StringComparison.Ordinal);
        Assert.Contains("revoked 25 Nov 2026", list, StringComparison.Ordinal);
        Assert.DoesNotContain(plain, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_UnknownName_SaysSo()
    {
        await AdminAsync();

        Assert.Contains("no active key named \"nope\"", AllText(await _h.Say(Boss, "apikey revoke nope", "en")), StringComparison.Ordinal);
    }

    private async Task AdminAsync()
    {
        await _h.Say(Boss, "help");
        _h.Store.Users.Single(u => u.Identities.Any(i => i.ExternalId == Boss)).Assign(Role.Admin, "east");
    }

    private static string KeyIn(string text) => KeyPattern().Match(text) is { Success: true } m ? m.Value : throw new Xunit.Sdk.XunitException("No key in: " + text);

    [GeneratedRegex("opb_[0-9a-f]{12}_[0-9a-f]{64}")]
    private static partial Regex KeyPattern();
}
