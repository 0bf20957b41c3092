using System.Text.Json;
using OppBot.Bot.Playground;
using OppBot.Domain.Conversations;

namespace OppBot.Bot.Tests.Playground;

public sealed class DirectLineReaderTests
{
    private static readonly DirectLineGrant Rep = new("pg-demo-rep-1", "demo-rep-1", "李雷", ConversationKind.Personal);

    [Fact]
    public void Read_Message_IsFromTheTokensUserWhateverFromIdSays()
    {
        var message = DirectLineReader.Read(Activity("""{"type":"message","text":" my deals ","from":{"id":"demo-manager","name":"李雷"},"locale":"zh-CN"}"""), Rep, "u-1");

        Assert.NotNull(message);
        Assert.Equal(new ChannelIdentity("directline", "demo-rep-1"), message.From);
        Assert.Equal(new ConversationAddress("directline", "pg-demo-rep-1"), message.Address);
        Assert.Equal("my deals", message.Text);
        Assert.Equal("zh-CN", message.Locale);
        Assert.Equal(ConversationKind.Personal, message.Kind);
        Assert.True(message.SupportsForms);
        Assert.False(message.ExpectsCardUpdate);
    }

    [Fact]
    public void Read_ActionSubmitFromWebChat_BecomesTheSubmitWithItsVerb()
    {
        // Web Chat posts an Action.Submit as a message whose value is the button's data merged with the card's inputs.
        var message = DirectLineReader.Read(Activity("""
            {"type":"message","value":{"verb":"approval.approve","approval":"6f1c","comment":"ok","amount":1500000,"flag":true,"none":null},
             "channelData":{"postBack":true,"clientActivityID":"c1"}}
            """), Rep, "u-1");

        Assert.NotNull(message);
        Assert.Null(message.Text);
        Assert.Equal("approval.approve", message.Verb);
        Assert.Equal("6f1c", message.Submit!["approval"]);
        Assert.Equal("1500000", message.Submit["amount"]); // numbers as their JSON text, as the Teams reader does
        Assert.Equal("true", message.Submit["flag"]);
        Assert.False(message.Submit.ContainsKey("none"));
    }

    [Theory]
    [InlineData("""{"type":"typing"}""")] // typing indicators carry nothing
    [InlineData("""{"type":"event","name":"webchat/join"}""")] // events are stored, not handled
    [InlineData("""{"type":"message","text":"   "}""")] // an empty message
    [InlineData("""{"text":"help"}""")] // no type
    public void Read_NothingForTheCore_ReturnsNull(string json)
    {
        Assert.Null(DirectLineReader.Read(Activity(json), Rep, "u-1"));
    }

    [Fact]
    public void Read_SameClientActivityIdTwice_HasTheSameDedupeKey()
    {
        // A client that posts the same message again (a retry) sends the same clientActivityID: handled once.
        const string json = """{"type":"message","text":"help","channelData":{"clientActivityID":"abc"}}""";

        var first = DirectLineReader.Read(Activity(json), Rep, "u-abc")!;
        var again = DirectLineReader.Read(Activity(json), Rep, "u-abc")!;

        Assert.Equal(first.DedupeKey, again.DedupeKey);
        Assert.NotEqual(first.DedupeKey, DirectLineReader.Read(Activity(json), Rep with { UserId = "demo-rep-2" }, "u-abc")!.DedupeKey);
    }

    [Fact]
    public void Read_InTheTeamChannel_IsAChannelMessage()
    {
        var channel = Rep with { ConversationId = "pg-team-demo", Kind = ConversationKind.Channel };

        var message = DirectLineReader.Read(Activity("""{"type":"message","text":"subscribe"}"""), channel, "u-1")!;

        Assert.Equal(ConversationKind.Channel, message.Kind);
        Assert.Equal("pg-team-demo", message.Address.Key);
    }

    [Fact]
    public void Start_IsAnInstallTurnOncePerConversationAndUser()
    {
        var start = DirectLineReader.Start(Rep, "zh-CN");

        Assert.True(start.IsInstall);
        Assert.Equal(start.DedupeKey, DirectLineReader.Start(Rep, "en-US").DedupeKey);
    }

    private static JsonElement Activity(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
