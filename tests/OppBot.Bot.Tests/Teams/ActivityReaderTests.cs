using OppBot.Adapters.Teams;
using OppBot.Adapters.Teams.Protocol;
using OppBot.Domain.Conversations;

namespace OppBot.Bot.Tests.Teams;

public sealed class ActivityReaderTests
{
    private const string BotId = "28:11111111-2222-3333-4444-555555555555";
    private readonly ActivityReader sut = new();

    [Fact]
    public void Read_PersonalMessage_MapsEveryField()
    {
        var message = sut.Read(TeamsFixtures.Activity("message-personal.json"))!;

        Assert.Equal("new deal Acme 50万", message.Text);
        Assert.Null(message.Submit);
        Assert.Equal(ConversationKind.Personal, message.Kind);
        Assert.Equal(new ChannelIdentity("teams", "0b1c0000-0000-4000-8000-0000000000a1"), message.From); // aadObjectId preferred
        Assert.Equal("Li Wei", message.DisplayName);
        Assert.Equal("zh-CN", message.Locale);
        Assert.Equal("teams:1700000000001", message.DedupeKey);
        Assert.Null(message.ChannelTeamId);
        Assert.True(message.SupportsForms);
        Assert.False(message.IsInstall);
        Assert.False(message.ExpectsCardUpdate);
    }

    [Fact]
    public void Read_PersonalMessage_AddressCarriesTheConversationReference()
    {
        var message = sut.Read(TeamsFixtures.Activity("message-personal.json"))!;

        Assert.Equal("teams", message.Address.Channel);
        Assert.Equal(
            """{"url":"https://smba.trafficmanager.net/apac/","conv":"a:1personal-chat-scrubbed","tenant":"72f90000-0000-4000-8000-000000000001","type":"personal","user":"29:1user-li-wei-scrubbed","aad":"0b1c0000-0000-4000-8000-0000000000a1","bot":"28:11111111-2222-3333-4444-555555555555"}""",
            message.Address.Key);
        Assert.Equal(message.Address, message.PersonalAddress); // in a personal chat the two are the same conversation
    }

    [Fact]
    public void Read_MessageWithBotMention_StripsMentionAndNormalisesWhitespace()
    {
        var message = sut.Read(TeamsFixtures.Activity("message-channel-mention.json"))!;

        Assert.Equal("advance Acme\nto proposal", message.Text);
    }

    [Fact]
    public void Read_ChannelMessage_RepliesInTheThreadAndKnowsTheTeam()
    {
        var message = sut.Read(TeamsFixtures.Activity("message-channel-mention.json"))!;

        Assert.Equal(ConversationKind.Channel, message.Kind);
        Assert.Equal("19:team-general-scrubbed@thread.tacv2", message.ChannelTeamId);
        Assert.True(TeamsAddress.TryParse(message.Address, out var address));
        Assert.Equal("19:sales-channel-scrubbed@thread.tacv2;messageid=1700000000555", address.ConversationId); // the thread, not a new post
        Assert.Null(address.UserId); // a channel address is not one person's
        Assert.Equal("en-US", message.Locale);
    }

    [Fact]
    public void Read_ChannelMessage_PersonalAddressLetsTheSenderCreateThe1To1Chat()
    {
        var message = sut.Read(TeamsFixtures.Activity("message-channel-mention.json"))!;

        Assert.True(TeamsAddress.TryParse(message.PersonalAddress!, out var personal));
        Assert.Null(personal.ConversationId);
        Assert.Equal("personal", personal.ConversationType);
        Assert.Equal("29:1user-anna-scrubbed", personal.UserId);
        Assert.Equal("0b1c0000-0000-4000-8000-0000000000b2", personal.UserAadObjectId);
        Assert.Equal("72f90000-0000-4000-8000-000000000001", personal.TenantId);
        Assert.Equal(BotId, personal.BotId);
        Assert.Equal("https://smba.trafficmanager.net/emea/", personal.ServiceUrl);
    }

    [Fact]
    public void Read_ActionSubmit_MapsValueToSubmitWithoutMsteamsData()
    {
        var message = sut.Read(TeamsFixtures.Activity("action-submit.json"))!;

        Assert.Null(message.Text);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["verb"] = "deal.create",
                ["form"] = "capture",
                ["company"] = "Acme 有限公司",
                ["amount"] = "500000",
                ["highValue"] = "yes",
            },
            message.Submit);
        Assert.Equal("deal.create", message.Verb);
        Assert.False(message.ExpectsCardUpdate); // Submit arrives as a message; replies go through the outbox
    }

    [Fact]
    public void Read_ActionExecuteInvoke_MapsVerbAndDataAndExpectsCardUpdate()
    {
        var message = sut.Read(TeamsFixtures.Activity("action-execute-invoke.json"))!;

        Assert.True(message.ExpectsCardUpdate);
        Assert.Equal("approve", message.Verb); // value.action.verb wins over a "verb" key inside data
        Assert.Equal("D-42", message.Submit!["dealId"]);
        Assert.Equal("ok for 500k", message.Submit["comment"]);
        Assert.Equal("500000", message.Submit["amount"]); // numbers keep their JSON text
        Assert.Equal("true", message.Submit["urgent"]);
        Assert.Null(message.Text);
        Assert.Equal("teams:f:8090000000000000001", message.DedupeKey);
    }

    [Theory]
    [InlineData("install-personal.json", ConversationKind.Personal)] // personal install: bot and user in membersAdded
    [InlineData("install-team.json", ConversationKind.Channel)]      // team install: the selected channel's conversation
    [InlineData("install-groupchat.json", ConversationKind.Group)]   // added to a group chat
    [InlineData("installationupdate-add.json", ConversationKind.Personal)] // the installationUpdate that accompanies an install
    public void Read_BotInstalled_IsInstallWithoutText(string fixture, ConversationKind kind)
    {
        var message = sut.Read(TeamsFixtures.Activity(fixture))!;

        Assert.True(message.IsInstall);
        Assert.Equal(kind, message.Kind);
        Assert.Null(message.Text);
        Assert.Null(message.Submit);
    }

    [Fact]
    public void Read_TeamInstall_KnowsTheTeam()
    {
        var message = sut.Read(TeamsFixtures.Activity("install-team.json"))!;

        Assert.Equal("19:team-general-scrubbed@thread.tacv2", message.ChannelTeamId);
    }

    [Theory]
    [InlineData("message-reaction.json")]          // reactions carry nothing for the conversation
    [InlineData("member-added-user.json")]         // someone else joined the team: not an install
    [InlineData("installationupdate-remove.json")] // uninstall: nothing to answer (and no way to answer)
    public void Read_ActivityWithNothingForTheConversation_ReturnsNull(string fixture)
    {
        Assert.Null(sut.Read(TeamsFixtures.Activity(fixture)));
    }

    [Fact]
    public void Read_InvokeOtherThanCardAction_ReturnsNull()
    {
        var activity = TeamsFixtures.Activity("action-execute-invoke.json") with { Name = "task/fetch" };

        Assert.Null(sut.Read(activity));
    }

    [Fact]
    public void Read_MessageThatIsOnlyTheMention_ReturnsNull()
    {
        var activity = TeamsFixtures.Activity("message-channel-mention.json") with { Text = "<at>OppBot</at>&nbsp;" };

        Assert.Null(sut.Read(activity));
    }

    [Fact]
    public void Read_MentionOfSomeoneElse_KeepsThatMention()
    {
        var activity = TeamsFixtures.Activity("message-channel-mention.json") with
        {
            Text = "<at>OppBot</at> assign Acme to <at>Li Wei</at>",
            Entities =
            [
                new Entity { Type = "mention", Text = "<at>OppBot</at>", Mentioned = new ChannelAccount { Id = BotId } },
                new Entity { Type = "mention", Text = "<at>Li Wei</at>", Mentioned = new ChannelAccount { Id = "29:1user-li-wei-scrubbed" } },
            ],
        };

        Assert.Equal("assign Acme to <at>Li Wei</at>", sut.Read(activity)!.Text);
    }

    [Fact]
    public void Read_MentionEntityWithDifferentlyCasedBotId_StillStripped()
    {
        var activity = TeamsFixtures.Activity("message-channel-mention.json") with
        {
            Text = "<at>Opp Bot (dev)</at> pipeline",
            Entities = [new Entity { Type = "mention", Text = "<at>Opp Bot (dev)</at>", Mentioned = new ChannelAccount { Id = BotId.ToUpperInvariant() } }],
        };

        Assert.Equal("pipeline", sut.Read(activity)!.Text);
    }

    [Fact]
    public void Read_NoLocaleOnActivity_FallsBackToClientInfo()
    {
        var activity = TeamsFixtures.Activity("action-submit.json") with { Locale = null };

        Assert.Equal("zh-CN", sut.Read(activity)!.Locale);
    }

    [Fact]
    public void Read_UserWithoutAadObjectId_UsesTeamsId()
    {
        var activity = TeamsFixtures.Activity("message-personal.json");
        activity = activity with { From = activity.From! with { AadObjectId = null } };

        Assert.Equal(new ChannelIdentity("teams", "29:1user-li-wei-scrubbed"), sut.Read(activity)!.From);
    }

    [Theory]
    [InlineData("  a \t b  ", "a b")]                 // runs of spaces and tabs collapse
    [InlineData("a\u00A0\u00A0b", "a b")]              // non-breaking spaces (Teams' &nbsp;) are spaces
    [InlineData("line 1 \r\n  line 2", "line 1\nline 2")] // line breaks survive (notes span lines), CRLF becomes LF
    [InlineData("\n\n text \n\n", "text")]            // blank lines at both ends go
    [InlineData("客户\u3000甲", "客户 甲")]              // ideographic space from Chinese IMEs
    public void NormalizeWhitespace_Input_Normalised(string input, string expected)
    {
        Assert.Equal(expected, ActivityReader.NormalizeWhitespace(input));
    }
}
