using System.Text.Json.Nodes;
using OppBot.Adapters.Teams.Cards;
using OppBot.Bot.Playground;
using OppBot.Domain.Conversations;
using ActionStyle = OppBot.Domain.Conversations.ActionStyle;

namespace OppBot.Bot.Tests.Playground;

public sealed class DirectLineRendererTests
{
    private static readonly Card ApprovalLike = new()
    {
        Title = "Approval: moving #7",
        Inputs = [new CardInput("comment", "Comment", InputType.Text)],
        Actions =
        [
            new CardAction("Approve", Verbs.Approve) { Data = new Dictionary<string, string> { ["approval"] = "a1" }, Style = ActionStyle.Positive, SubmitsInputs = true },
            new CardAction("Reject", Verbs.Reject) { Data = new Dictionary<string, string> { ["approval"] = "a1" }, Style = ActionStyle.Destructive, SubmitsInputs = true },
        ],
    };

    [Fact]
    public void Render_TextAndTwoCards_PostsTheTextThenEachCardAsTeamsDoes()
    {
        var reply = new Reply { Text = "Created deal #7", Cards = [ApprovalLike, ApprovalLike with { Title = "Second" }], Locale = "en" };

        var parts = CreateSut().Render(reply, "pg-demo-rep-2", isUpdate: false);

        Assert.Equal(3, parts.Count);
        Assert.Equal("Created deal #7", (string?)parts[0]["text"]);
        Assert.Null(parts[0]["attachments"]);
        Assert.All(parts.Skip(1), p => Assert.Equal(AdaptiveCardRenderer.ContentType, (string?)p["attachments"]![0]!["contentType"]));
        Assert.All(parts, p =>
        {
            Assert.Equal("message", (string?)p["type"]);
            Assert.Equal("bot", (string?)p["from"]!["role"]);
            Assert.Equal("pg-demo-rep-2", (string?)p["conversation"]!["id"]);
        });
    }

    [Fact]
    public void Render_Update_IsOneMessageWithEveryCard()
    {
        var reply = new Reply { Text = "ignored for an update with cards", Cards = [ApprovalLike, ApprovalLike], Locale = "en" };

        var update = Assert.Single(CreateSut().Render(reply, "pg-demo-manager", isUpdate: true));

        Assert.Equal(2, update["attachments"]!.AsArray().Count);
    }

    [Fact]
    public void Render_Buttons_AreTheirActionSubmitFallbacksForWebChat()
    {
        // Web Chat 4.18 draws Action.Execute but does nothing on a click; the Submit fallback Teams renders for old
        // clients carries the same title, verb, data and inputs.
        var teams = new AdaptiveCardRenderer().Render(ApprovalLike, "en");
        Assert.Equal("Action.Execute", (string?)teams["actions"]![0]!["type"]);

        var card = DirectLineActivities.Card(Assert.Single(CreateSut().Render(Reply.FromCard(ApprovalLike, "en"), "c", isUpdate: false)))!;

        var actions = card["actions"]!.AsArray();
        Assert.Equal(2, actions.Count);
        Assert.All(actions, a => Assert.Equal("Action.Submit", (string?)a!["type"]));
        Assert.Equal("Approve", (string?)actions[0]!["title"]);
        Assert.Equal(Verbs.Approve, (string?)actions[0]!["data"]!["verb"]);
        Assert.Equal("a1", (string?)actions[0]!["data"]!["approval"]);
        Assert.Equal((string?)teams["actions"]![0]!["associatedInputs"], (string?)actions[0]!["associatedInputs"]);
        Assert.DoesNotContain("Action.Execute", card.ToJsonString(), StringComparison.Ordinal);

        // Everything else is the card Teams gets.
        Assert.Equal(teams["body"]!.ToJsonString(), card["body"]!.ToJsonString());
    }

    [Fact]
    public void UseSubmitFallbacks_ExecuteWithoutASubmitFallback_IsLeftAsItIs()
    {
        // A refresh's Action.Execute has no fallback: nothing to swap it for.
        var node = JsonNode.Parse("""{"refresh":{"action":{"type":"Action.Execute","verb":"approval.refresh"}}}""")!;

        var result = DirectLineRenderer.UseSubmitFallbacks(node)!;

        Assert.Equal("Action.Execute", (string?)result["refresh"]!["action"]!["type"]);
    }

    [Fact]
    public void Render_EmptyUpdate_IsNothing()
    {
        Assert.Empty(CreateSut().Render(new Reply { Locale = "en" }, "c", isUpdate: true));
    }

    private static DirectLineRenderer CreateSut() => new(new AdaptiveCardRenderer());
}
