using System.Text.Json;
using OppBot.Adapters.Teams;
using OppBot.Adapters.Teams.Protocol;
using OppBot.Bot.Tests.Support;
using OppBot.Domain.Conversations;

namespace OppBot.Bot.Tests.Interop;

/// <summary>
/// Activities shaped by botframework-schema 4.23.3's own types and constants (tests/interop/make-activity.mjs),
/// read by <see cref="ActivityReader"/>: the wire model and the reader agree with Microsoft's description of an activity.
/// </summary>
public sealed class ActivityReaderInteropTests
{
    private readonly ActivityReader sut = new();

    [Fact]
    public async Task Read_SchemaMessage_TextAndPersonalAddress()
    {
        var message = sut.Read(await MakeAsync("message"))!;

        Assert.Equal("新商机 Acme 50万", message.Text);
        Assert.Equal(ConversationKind.Personal, message.Kind);
        Assert.Equal(message.Address, message.PersonalAddress);
    }

    [Fact]
    public async Task Read_SchemaMention_StripsTheBot()
    {
        var message = sut.Read(await MakeAsync("mention"))!;

        Assert.Equal("advance Acme", message.Text);
        Assert.Equal(ConversationKind.Channel, message.Kind);
        Assert.Equal("19:team@thread.tacv2", message.ChannelTeamId);
    }

    [Fact]
    public async Task Read_SchemaSubmit_MapsValue()
    {
        var message = sut.Read(await MakeAsync("submit"))!;

        Assert.Equal("advance", message.Verb);
        Assert.Equal("已报价", message.Submit!["note"]);
    }

    [Fact]
    public async Task Read_SchemaExecute_ExpectsCardUpdate()
    {
        var message = sut.Read(await MakeAsync("execute"))!;

        Assert.True(message.ExpectsCardUpdate);
        Assert.Equal("approve", message.Verb);
        Assert.Equal("D-42", message.Submit!["deal"]);
    }

    [Theory]
    [InlineData("installPersonal")] // conversationUpdate, bot and user added
    [InlineData("installTeam")]     // conversationUpdate in a team
    [InlineData("installationAdd")] // installationUpdate add
    public async Task Read_SchemaInstall_IsInstall(string kind)
    {
        Assert.True(sut.Read(await MakeAsync(kind))!.IsInstall);
    }

    [Fact]
    public async Task Read_SchemaReaction_Null()
    {
        Assert.Null(sut.Read(await MakeAsync("reaction")));
    }

    private static async Task<Activity> MakeAsync(string kind)
    {
        var result = (await NodeRunner.RunAsync("make-activity.mjs", null, kind)).EnsureSuccess();
        return JsonSerializer.Deserialize(result.StdOut, ProtocolJson.Default.Activity)!;
    }
}
