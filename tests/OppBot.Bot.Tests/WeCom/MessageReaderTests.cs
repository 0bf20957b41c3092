using OppBot.Adapters.WeCom;
using OppBot.Domain.Conversations;

namespace OppBot.Bot.Tests.WeCom;

public sealed class MessageReaderTests
{
    private static WeComMessage Vector(string id) => WeComXml.ParseMessage(WeComVectors.Get(id).S("plaintext")).Value!;

    private static WeComMessage Event(string @event, string? eventKey = null) => new("lisi", 1700000500, "event")
    {
        Event = @event,
        EventKey = eventKey,
    };

    [Fact]
    public void Read_TextMessage_MapsToIncomingMessage()
    {
        var message = MessageReader.Read(Vector("G2"))!;

        Assert.Equal(new ConversationAddress("wecom", "user:zhangsan"), message.Address);
        Assert.Equal(new ConversationAddress("wecom", "user:zhangsan"), message.PersonalAddress);
        Assert.Equal(new ChannelIdentity("wecom", "zhangsan"), message.From);
        Assert.Equal(ConversationKind.Personal, message.Kind);
        Assert.Equal("新建商机 ACME 华东 50万", message.Text);
        Assert.Null(message.Submit);
        Assert.Null(message.Locale); // WeCom sends none: the stored locale or zh-CN applies
        Assert.Equal("wecom:7300000000000000001", message.DedupeKey);
        Assert.False(message.SupportsForms);
        Assert.False(message.ExpectsCardUpdate);
        Assert.False(message.IsInstall);
    }

    [Theory]
    [InlineData("enter_agent")] // opened the app's chat (vector G5)
    [InlineData("subscribe")] // added to the app's visible range
    public void Read_InstallEvents_AreGreetings(string @event)
    {
        var message = MessageReader.Read(Event(@event, eventKey: ""))!;

        Assert.True(message.IsInstall);
        Assert.Null(message.Text);
        Assert.Null(message.Submit);
    }

    [Fact]
    public void Read_EnterAgentVector_DedupesBySenderTimeAndEvent()
    {
        var message = MessageReader.Read(Vector("G5"))!;

        Assert.Equal("wecom:e:zhaoliu:1700000400:enter_agent:::", message.DedupeKey);
    }

    [Fact]
    public void Read_ButtonClickVector_SubmitsVerbOnTheMembersAddress()
    {
        var message = MessageReader.Read(Vector("G3"))!;

        Assert.Equal("approve", message.Verb);
        Assert.Equal("user:lisi", message.Address.Key); // the same as for text: the core keys dialogs on it
        Assert.Equal("wecom:e:lisi:1700000200:template_card_event:approve:opp-42-approval-1:", message.DedupeKey);
    }

    [Fact]
    public void Read_MultipleInteractionVector_SubmitsSelectedItems()
    {
        var message = MessageReader.Read(Vector("G4"))!;

        Assert.Equal("submit_stage", message.Verb);
        Assert.Equal("negotiation", message.Submit!["stage"]);
        Assert.Equal("budget,competitor", message.Submit["risk"]);
    }

    [Fact]
    public void Read_ButtonKeyWithData_DecodesVerbAndData()
    {
        var key = ButtonKey.Encode("advance", new Dictionary<string, string> { ["opp"] = "42", ["stage"] = "谈判|=%" });
        var click = Event("template_card_event", key) with { TaskId = "t1", ResponseCode = "RC" };

        var message = MessageReader.Read(click)!;

        Assert.Equal("advance", message.Verb);
        Assert.Equal("42", message.Submit!["opp"]);
        Assert.Equal("谈判|=%", message.Submit["stage"]);
    }

    [Fact]
    public void Read_MenuClick_SubmitsMenuKey()
    {
        var message = MessageReader.Read(Event("click", "pipeline"))!;

        Assert.Equal("pipeline", message.Verb);
        Assert.Equal("user:lisi", message.Address.Key);
    }

    [Theory]
    [InlineData("unsubscribe")] // removed from the app: nobody to answer
    [InlineData("LOCATION")] // location reports are not used
    [InlineData("view")] // a menu link, opened by the client
    [InlineData("change_contact")] // directory changes
    [InlineData("template_card_menu_event")] // OppBot renders no action_menu
    public void Read_UnusedEvents_ReturnNull(string @event)
    {
        Assert.Null(MessageReader.Read(Event(@event, "x")));
    }

    [Theory]
    [InlineData("image")] // media messages are not understood
    [InlineData("voice")] // voice notes (WeCom can transcribe, OppBot does not ask)
    [InlineData("location")] // a shared location
    public void Read_NonTextMessages_ReturnNull(string msgType)
    {
        Assert.Null(MessageReader.Read(new WeComMessage("lisi", 1, msgType) { MsgId = "1" }));
    }

    [Theory]
    [InlineData("")] // empty text
    [InlineData("  ")] // blank text
    public void Read_BlankText_ReturnsNull(string content)
    {
        Assert.Null(MessageReader.Read(new WeComMessage("lisi", 1, "text") { Content = content, MsgId = "1" }));
    }

    [Theory]
    [InlineData("template_card_event", "")] // a click without a key
    [InlineData("click", null)] // a menu without a key
    public void Read_ClickWithoutKey_ReturnsNull(string @event, string? key)
    {
        Assert.Null(MessageReader.Read(Event(@event, key)));
    }

    [Fact]
    public void Read_TwoClicksInTheSameSecond_HaveDifferentDedupeKeys()
    {
        // WeCom's own rule (FromUserName + CreateTime) would merge these (reference §1.5).
        var approve = MessageReader.Read(Event("template_card_event", "approve") with { TaskId = "a" })!;
        var reject = MessageReader.Read(Event("template_card_event", "reject") with { TaskId = "a" })!;

        Assert.NotEqual(approve.DedupeKey, reject.DedupeKey);
    }

    [Theory]
    [InlineData("user:zhangsan", "User", "zhangsan")] // a member
    [InlineData("chat:opp42acme", "Chat", "opp42acme")] // an app group chat
    [InlineData("robot:east", "Robot", "east")] // a team's robot
    [InlineData("user:a%7Cb", "User", "a|b")] // escaped separator
    public void AddressTryParse_Key_ReadsKindAndId(string key, string kind, string id)
    {
        Assert.True(WeComAddress.TryParse(key, out var address));
        Assert.Equal(kind, address.Kind.ToString());
        Assert.Equal(id, address.Id);
        Assert.Equal(key, address.Format());
    }

    [Theory]
    [InlineData("")] // empty
    [InlineData("zhangsan")] // no kind
    [InlineData("fax:123")] // unknown kind
    [InlineData("user:")] // no id
    [InlineData("user:a|rc:x")] // nothing may follow the id: an address never varies per message
    public void AddressTryParse_Malformed_ReturnsFalse(string key)
    {
        Assert.False(WeComAddress.TryParse(key, out _));
    }

}
