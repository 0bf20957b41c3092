using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OppBot.Adapters.WeCom;
using OppBot.Domain.Conversations;

namespace OppBot.Bot.Tests.WeCom;

public sealed partial class TemplateCardRendererTests
{
    private static readonly Guid DeliveryId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private static Card ApprovalCard() => new()
    {
        Title = "折扣审批：ACME 华东项目",
        Subtitle = "申请人 张三",
        Text = "申请 15% 折扣，超出销售权限",
        Facts = [new CardFact("金额", "¥500,000"), new CardFact("阶段", "谈判")],
        Actions =
        [
            new CardAction("同意", "approve") { Data = new Dictionary<string, string> { ["approval"] = "7" }, Style = ActionStyle.Positive },
            new CardAction("驳回", "reject") { Data = new Dictionary<string, string> { ["approval"] = "7" }, Style = ActionStyle.Destructive },
        ],
    };

    [Fact]
    public void RenderForMember_FittingCardWithButtons_IsButtonInteractionCard()
    {
        var parts = TemplateCardRenderer.RenderForMember(Reply.FromCard(ApprovalCard(), "zh-CN"), DeliveryId);

        var card = Assert.IsType<TemplateCardPart>(Assert.Single(parts)).Card;
        Assert.Equal("button_interaction", (string)card["card_type"]!);
        Assert.Equal("折扣审批：ACME 华东项目", (string)card["main_title"]!["title"]!);
        Assert.Equal("申请人 张三", (string)card["main_title"]!["desc"]!);
        Assert.Equal("申请 15% 折扣，超出销售权限", (string)card["sub_title_text"]!);
        Assert.Equal("""[{"keyname":"金额","value":"¥500,000"},{"keyname":"阶段","value":"谈判"}]""", card["horizontal_content_list"]!.ToJsonString(Unescaped));
        Assert.Equal("""[{"text":"同意","style":1,"key":"approve|approval=7"},{"text":"驳回","style":2,"key":"reject|approval=7"}]""", card["button_list"]!.ToJsonString(Unescaped));
        Assert.Equal("oppbot-0f8fad5bd9cb469fa16570867728950e-0", (string)card["task_id"]!);
    }

    [Fact]
    public void RenderForMember_SameDelivery_ProducesSameTaskIds()
    {
        // A retried outbox row must reuse its task ids: WeCom refuses a duplicate instead of showing it twice.
        var reply = Reply.FromCard(ApprovalCard(), "zh-CN");

        var first = TemplateCardRenderer.RenderForMember(reply, DeliveryId).OfType<TemplateCardPart>().Select(p => p.TaskId);
        var again = TemplateCardRenderer.RenderForMember(reply, DeliveryId).OfType<TemplateCardPart>().Select(p => p.TaskId);
        var other = TemplateCardRenderer.RenderForMember(reply, Guid.NewGuid()).OfType<TemplateCardPart>().Select(p => p.TaskId);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void TaskId_Always_UsesAllowedCharactersWithin128Bytes()
    {
        var taskId = TemplateCardRenderer.TaskId(Guid.NewGuid(), int.MaxValue);

        Assert.Matches(TaskIdPattern(), taskId);
        Assert.True(Encoding.UTF8.GetByteCount(taskId) <= 128);
    }

    [Fact]
    public void RenderForMember_CardWithoutButtons_IsMarkdown()
    {
        var card = ApprovalCard() with { Actions = [] };

        var parts = TemplateCardRenderer.RenderForMember(Reply.FromCard(card, "zh-CN"), DeliveryId);

        var markdown = Assert.IsType<MarkdownPart>(Assert.Single(parts)).Content;
        Assert.Equal(
            "**折扣审批：ACME 华东项目**\n<font color=\"comment\">申请人 张三</font>\n申请 15% 折扣，超出销售权限\n金额：¥500,000\n阶段：谈判",
            markdown);
    }

    [Fact]
    public void RenderForMember_TextAndSmallCards_MergeIntoOneMarkdownMessage()
    {
        // Members get at most 30 app messages a minute: don't spend three on one reply.
        var reply = new Reply
        {
            Text = "已保存。",
            Cards = [new Card { Title = "A" }, new Card { Title = "B" }],
        };

        var parts = TemplateCardRenderer.RenderForMember(reply, DeliveryId);

        Assert.Equal("已保存。\n\n**A**\n\n**B**", Assert.IsType<MarkdownPart>(Assert.Single(parts)).Content);
    }

    [Theory]
    [MemberData(nameof(Overflowing))]
    public void RenderForMember_ContentTooBigForCard_IsMarkdownThenButtonCard(string why, Card card)
    {
        var parts = TemplateCardRenderer.RenderForMember(Reply.FromCard(card, "zh-CN"), DeliveryId);

        Assert.False(string.IsNullOrEmpty(why));
        Assert.Collection(
            parts,
            p => Assert.Contains(card.Facts.Count > 0 ? card.Facts[^1].Value : card.Title, Assert.IsType<MarkdownPart>(p).Content, StringComparison.Ordinal),
            p =>
            {
                var json = Assert.IsType<TemplateCardPart>(p).Card;
                Assert.Null(json["horizontal_content_list"]); // the content is in the markdown; the card carries the buttons
                Assert.Null(json["sub_title_text"]);
                Assert.Equal(2, json["button_list"]!.AsArray().Count);
            });
    }

    public static TheoryData<string, Card> Overflowing() => new()
    {
        { "seven facts: the card holds six", ApprovalCard() with { Facts = [.. Enumerable.Range(1, 7).Select(i => new CardFact($"F{i}", $"v{i}"))] } },
        { "sections have no place in a template card", ApprovalCard() with { Sections = [new CardSection("跟进", ["周一 电话"])] } },
        { "bars have no place in a template card", ApprovalCard() with { Bars = [new CardBar("华东", 0.5, "12 · ¥1.2M")] } },
        { "keyname over 5 字", ApprovalCard() with { Facts = [new CardFact("预计成交日期", "2025-06-30")] } },
        { "value over 30 字", ApprovalCard() with { Facts = [new CardFact("备注", new string('长', 31))] } },
        { "title over 36 字", ApprovalCard() with { Title = new string('标', 37) } },
        { "text over 160 字", ApprovalCard() with { Text = new string('字', 161) } },
    };

    [Theory]
    [InlineData("成交日期", 8)] // CJK counts 2
    [InlineData("Close date", 10)] // Latin counts 1: fits a 5-字 keyname like four CJK characters
    [InlineData("¥1.2M", 5)] // the yen sign is narrow
    [InlineData("🚀", 2)] // emoji are wide, and one character although two UTF-16 units
    [InlineData("", 0)] // nothing is zero wide
    public void Width_Text_CountsWideCharactersTwice(string text, int width)
    {
        Assert.Equal(width, TemplateCardRenderer.Width(text));
    }

    [Fact]
    public void RenderForMember_LongTitleOverflow_ShortensOnlyTheButtonCardTitle()
    {
        var title = new string('标', 40);
        var card = ApprovalCard() with { Title = title };

        var parts = TemplateCardRenderer.RenderForMember(Reply.FromCard(card, "zh-CN"), DeliveryId);

        Assert.Contains($"**{title}**", ((MarkdownPart)parts[0]).Content, StringComparison.Ordinal);
        var shortTitle = (string)((TemplateCardPart)parts[1]).Card["main_title"]!["title"]!;
        Assert.EndsWith("…", shortTitle, StringComparison.Ordinal);
        Assert.True(TemplateCardRenderer.Width(shortTitle) <= 72);
    }

    [Fact]
    public void RenderForMember_EightButtons_SplitsIntoCardsOfAtMostSix()
    {
        var card = new Card
        {
            Title = "选择阶段",
            Actions = [.. Enumerable.Range(1, 8).Select(i => new CardAction($"阶段{i}", "choose") { Data = new Dictionary<string, string> { ["stage"] = $"{i}" } })],
        };

        var parts = TemplateCardRenderer.RenderForMember(Reply.FromCard(card, "zh-CN"), DeliveryId).Cast<TemplateCardPart>().ToList();

        Assert.Equal([6, 2], parts.Select(p => p.Card["button_list"]!.AsArray().Count));
        Assert.Equal(["选择阶段 (1/2)", "选择阶段 (2/2)"], parts.Select(p => (string)p.Card["main_title"]!["title"]!));
        Assert.Equal(2, parts.Select(p => p.TaskId).Distinct().Count());
    }

    [Fact]
    public void RenderForMember_ButtonKeyOver1024Bytes_Throws()
    {
        var card = new Card
        {
            Title = "T",
            Actions = [new CardAction("OK", "save") { Data = new Dictionary<string, string> { ["note"] = new string('备', 400) } }],
        };

        var ex = Assert.Throws<WeComRenderException>(() => TemplateCardRenderer.RenderForMember(Reply.FromCard(card, "zh-CN"), DeliveryId));

        Assert.Contains("1024", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderForMember_TwoIdenticalButtons_Throws()
    {
        var card = new Card { Title = "T", Actions = [new CardAction("A", "same"), new CardAction("B", "same")] };

        Assert.Throws<WeComRenderException>(() => TemplateCardRenderer.RenderForMember(Reply.FromCard(card, "zh-CN"), DeliveryId));
    }

    [Fact]
    public void RenderForMember_ChoiceInput_BecomesButtonSelection()
    {
        var card = new Card
        {
            Title = "推进阶段",
            Inputs = [new CardInput("stage", "阶段", InputType.Choice) { Choices = [new InputChoice("qualify", "确认需求"), new InputChoice("negotiate", "谈判")], Value = "negotiate" }],
            Actions = [new CardAction("提交", "advance") { SubmitsInputs = true }],
        };

        var json = ((TemplateCardPart)TemplateCardRenderer.RenderForMember(Reply.FromCard(card, "zh-CN"), DeliveryId).Single()).Card;

        Assert.Equal(
            """{"question_key":"stage","title":"阶段","option_list":[{"id":"qualify","text":"确认需求"},{"id":"negotiate","text":"谈判"}],"selected_id":"negotiate"}""",
            json["button_selection"]!.ToJsonString(Unescaped));
    }

    [Fact]
    public void RenderForMember_RequiredTextInput_Throws()
    {
        // WeCom says SupportsForms = false: the conversation must ask one field at a time instead.
        var card = new Card
        {
            Title = "新建商机",
            Inputs = [new CardInput("name", "客户", InputType.Text) { Required = true }],
            Actions = [new CardAction("保存", "save") { SubmitsInputs = true }],
        };

        Assert.Throws<WeComRenderException>(() => TemplateCardRenderer.RenderForMember(Reply.FromCard(card, "zh-CN"), DeliveryId));
    }

    [Fact]
    public void RenderForMember_OptionalTextInput_IsLeftOut()
    {
        var card = new Card
        {
            Title = "审批",
            Inputs = [new CardInput("comment", "备注", InputType.Text)],
            Actions = [new CardAction("同意", "approve")],
        };

        var json = ((TemplateCardPart)TemplateCardRenderer.RenderForMember(Reply.FromCard(card, "zh-CN"), DeliveryId).Single()).Card;

        Assert.Null(json["button_selection"]);
    }

    [Fact]
    public void RenderForMember_LongText_SplitsUnder2048Bytes()
    {
        var lines = Enumerable.Range(1, 100).Select(i => $"第{i}条：客户跟进记录，电话沟通预算与时间表。");
        var text = string.Join('\n', lines);
        Assert.True(Encoding.UTF8.GetByteCount(text) > 2 * 2048);

        var parts = TemplateCardRenderer.RenderForMember(Reply.FromText(text, "zh-CN"), DeliveryId).Cast<MarkdownPart>().ToList();

        Assert.True(parts.Count >= 3);
        Assert.All(parts, p => Assert.InRange(Encoding.UTF8.GetByteCount(p.Content), 1, 2048));
        Assert.Equal(text, string.Join('\n', parts.Select(p => p.Content))); // split between lines, nothing lost
    }

    [Theory]
    [InlineData("华", 2048)] // 3-byte characters: 2048 is not a multiple of 3
    [InlineData("🚀", 2048)] // 4-byte characters, surrogate pairs in .NET strings
    [InlineData("a华🚀", 4096)] // mixed widths, robot limit
    public void Split_OneLongLine_CutsBetweenCharactersOnly(string unit, int maxBytes)
    {
        var line = string.Concat(Enumerable.Repeat(unit, 1500));

        var pieces = TemplateCardRenderer.Split(line, maxBytes);

        Assert.True(pieces.Count > 1);
        Assert.All(pieces, p =>
        {
            Assert.True(Encoding.UTF8.GetByteCount(p) <= maxBytes);
            Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(p))); // no half character
        });
        Assert.Equal(line, string.Concat(pieces));
    }

    [Fact]
    public void Split_ExactlyAtLimit_IsOnePiece()
    {
        var text = new string('a', 2048);

        Assert.Single(TemplateCardRenderer.Split(text, 2048));
        Assert.Equal(2, TemplateCardRenderer.Split(text + "b", 2048).Count);
    }

    [Fact]
    public void RenderMarkdown_RobotLimit_Allows4096Bytes()
    {
        var text = new string('华', 1200); // 3600 bytes

        Assert.Single(TemplateCardRenderer.RenderMarkdown(Reply.FromText(text, "zh-CN"), TemplateCardRenderer.RobotMarkdownMaxBytes));
        Assert.Equal(2, TemplateCardRenderer.RenderMarkdown(Reply.FromText(text, "zh-CN"), TemplateCardRenderer.AppMarkdownMaxBytes).Count);
    }

    [Fact]
    public void RenderMarkdown_CardWithButtons_LeavesButtonsOut()
    {
        // Robots and app chats cannot call back: a button there would do nothing.
        var markdown = Assert.Single(TemplateCardRenderer.RenderMarkdown(Reply.FromCard(ApprovalCard(), "zh-CN"), 4096));

        Assert.Contains("折扣审批", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("同意", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void CardMarkdown_Funnel_DrawsTextBars()
    {
        var card = new Card
        {
            Title = "销售漏斗",
            Bars = [new CardBar("线索", 1, "20 · ¥3.0M"), new CardBar("谈判", 0.5, "12 · ¥1.2M")],
            Sections = [new CardSection("本周", ["新增 3"]) { Facts = [new CardFact("赢单", "1")] }],
            Error = "部分数据缺失",
        };

        var markdown = TemplateCardRenderer.CardMarkdown(card, "zh-CN");

        Assert.Equal(
            "**销售漏斗**\n<font color=\"warning\">部分数据缺失</font>\n\n**本周**\n新增 3\n赢单：1\n\n线索 ██████████ 20 · ¥3.0M\n谈判 █████ 12 · ¥1.2M",
            markdown);
    }

    [Fact]
    public void CardMarkdown_English_UsesAsciiColon()
    {
        var markdown = TemplateCardRenderer.CardMarkdown(new Card { Title = "Deal", Facts = [new CardFact("Stage", "Won")] }, "en");

        Assert.EndsWith("Stage: Won", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.0, "██████████")] // the longest bar
    [InlineData(0.5, "█████")] // half
    [InlineData(0.01, "█")] // tiny but not zero still shows
    [InlineData(0.0, "▏")] // zero is a hairline
    [InlineData(1.7, "██████████")] // clamped
    [InlineData(double.NaN, "▏")] // nonsense draws nothing
    public void Bar_Fraction_DrawsBlocks(double fraction, string blocks)
    {
        Assert.Equal($"华东 {blocks} 12", TemplateCardRenderer.Bar(new CardBar("华东", fraction, "12")));
    }

    [Fact]
    public void RenderForMember_EmptyReply_HasNoParts()
    {
        Assert.Empty(TemplateCardRenderer.RenderForMember(new Reply(), DeliveryId));
    }

    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [GeneratedRegex("^[0-9A-Za-z_@-]+$")]
    private static partial Regex TaskIdPattern();
}
