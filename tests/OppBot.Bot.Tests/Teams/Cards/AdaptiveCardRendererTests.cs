using System.Text.Json.Nodes;
using OppBot.Adapters.Teams.Cards;
using OppBot.Domain.Conversations;
using DomainActionStyle = OppBot.Domain.Conversations.ActionStyle;

namespace OppBot.Bot.Tests.Teams.Cards;

public sealed class AdaptiveCardRendererTests
{
    private static AdaptiveCardRenderer CreateSut() => new();

    // ---- representative cards: AdaptiveCardInteropTests validates every one of them with Microsoft's adaptivecards

    public static readonly Card DealCard = new()
    {
        Title = "#42 Acme rollout",
        Subtitle = "Qualified → Proposal",
        Text = "Next: **demo** on Friday",
        Facts = [new("Amount", "¥500,000"), new("Owner", "Li Wei")],
        Actions =
        [
            new CardAction("Advance", "advance") { Data = new Dictionary<string, string> { ["id"] = "42" }, Style = DomainActionStyle.Positive },
        ],
    };

    public static readonly Card LeadForm = new()
    {
        Title = "New lead",
        Error = "Please fix the fields below.",
        Inputs =
        [
            new CardInput("company", "Company", InputType.Text) { Required = true, Value = "Acme", MaxLength = 100, Placeholder = "Account name" },
            new CardInput("amount", "Amount", InputType.Number) { Required = true, Error = "Amount is required.", Min = 0 },
            new CardInput("close", "Expected close", InputType.Date) { Value = "2026-09-30" },
            new CardInput("notes", "Notes", InputType.MultilineText) { Value = "Met at the fair", MaxLength = 500 },
            new CardInput("urgent", "Needs approval", InputType.Toggle) { Value = "True" },
        ],
        Actions =
        [
            new CardAction("Save", "lead.create") { SubmitsInputs = true, Style = DomainActionStyle.Positive },
            new CardAction("Cancel", "cancel"),
        ],
    };

    public static readonly Card ChoiceForm = new()
    {
        Title = "Mark as lost",
        Inputs =
        [
            new CardInput("reason", "Reason", InputType.Choice)
            {
                Required = true,
                Value = "price",
                Choices = [new("price", "Price"), new("timing", "Timing"), new("competitor", "Competitor")],
            },
            new CardInput("stage", "Stage", InputType.Choice)
            {
                Choices = [new("lead", "Lead"), new("qualified", "Qualified"), new("proposal", "Proposal"), new("negotiation", "Negotiation")],
            },
        ],
        Actions = [new CardAction("Mark lost", "lost") { SubmitsInputs = true, Style = DomainActionStyle.Destructive }],
    };

    public static readonly Card Funnel = new()
    {
        Title = "Pipeline",
        Bars =
        [
            new("Lead", 1.0, "¥3.2M (24)"),
            new("Qualified", 0.5, "¥1.6M (11)"),
            new("Proposal", 0.001, "¥3,000 (1)"),
            new("Won", 0, "¥0 (0)"),
        ],
        Sections = [new CardSection("Forecast", ["Commit ¥800k", "Best case ¥1.2M"]) { Facts = [new("Quarter", "Q3")] }],
    };

    public static readonly Card ApprovalRequest = new()
    {
        Title = "Approve 20% discount for #42?",
        Facts = [new("Requested by", "Li Wei")],
        Actions =
        [
            new CardAction("Approve", "approve") { Data = new Dictionary<string, string> { ["approval"] = "7" }, Style = DomainActionStyle.Positive },
            new CardAction("Reject", "reject") { Data = new Dictionary<string, string> { ["approval"] = "7" }, Style = DomainActionStyle.Destructive },
        ],
        ActionsVisibleTo = ["29:manager-1", "29:manager-2"],
        RefreshVerb = "approval.show",
        RefreshData = new Dictionary<string, string> { ["approval"] = "7" },
    };

    /// <summary>Values a number or date field cannot hold fall back to a text box that keeps them.</summary>
    public static readonly Card TypedValues = new()
    {
        Title = "Edit #42",
        Inputs =
        [
            new CardInput("amount", "金额", InputType.Number) { Value = "50万" },
            new CardInput("close", "预计成交", InputType.Date) { Value = "下周一" },
            new CardInput("budget", "预算", InputType.Number) { Value = "120000.5", Min = 0, Max = 1e9 },
        ],
        Actions = [new CardAction("保存", "deal.update") { SubmitsInputs = true }],
    };

    public static Card Oversized(string word) => new()
    {
        Title = $"{word} report",
        Text = string.Concat(Enumerable.Repeat($"{word} ", 20_000)),
        Facts = Enumerable.Range(1, 400).Select(i => new CardFact($"{word} {i}", string.Concat(Enumerable.Repeat(word, 40)))).ToList(),
        Sections = Enumerable.Range(1, 30)
            .Select(i => new CardSection($"Section {i}", Enumerable.Range(1, 60).Select(j => $"{word} line {j}").ToList()))
            .ToList(),
        Bars = Enumerable.Range(1, 200).Select(i => new CardBar($"{word} {i}", i / 200.0, $"{i}")).ToList(),
        Actions = [new CardAction("Open", "open")],
    };

    /// <summary>Every shape the renderer produces, by name.</summary>
    // A reminder card: log, three snoozes, pause, open (domain/Scheduling/NudgeCards.cs).
    public static readonly Card SixButtons = new()
    {
        Title = "#42 Acme rollout",
        Actions = [.. new[] { "log", "snooze1", "snooze3", "snooze7", "pause", "open" }.Select(v => new CardAction(v, v))],
    };

    public static IReadOnlyDictionary<string, Card> Samples { get; } = new Dictionary<string, Card>
    {
        ["deal"] = DealCard,
        ["lead form"] = LeadForm,
        ["choices"] = ChoiceForm,
        ["funnel"] = Funnel,
        ["approval, base card"] = ApprovalRequest,
        ["approval, approver's view"] = ApprovalRequest with { ActionsVisibleTo = null },
        ["typed values"] = TypedValues,
        ["title only"] = new() { Title = "Nothing due today" },
        ["empty section"] = new() { Title = "Review", Sections = [new CardSection(null, [])] },
        ["oversized, English"] = Oversized("pipeline"),
        ["oversized, Chinese"] = Oversized("商机"),
        ["more buttons than a row holds"] = SixButtons,
    };

    // ---- golden

    [Fact]
    public void Render_DealCard_WritesTitleSubtitleTextFactsAndAction()
    {
        var json = CreateSut().Render(DealCard, "en");

        AssertJson("""
            {
              "type": "AdaptiveCard",
              "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
              "version": "1.5",
              "lang": "en",
              "body": [
                { "type": "TextBlock", "text": "#42 Acme rollout", "wrap": true, "size": "large", "weight": "bolder", "style": "heading" },
                { "type": "TextBlock", "text": "Qualified → Proposal", "wrap": true, "isSubtle": true, "spacing": "none" },
                { "type": "TextBlock", "text": "Next: **demo** on Friday", "wrap": true },
                { "type": "FactSet", "facts": [ { "title": "Amount", "value": "¥500,000" }, { "title": "Owner", "value": "Li Wei" } ] }
              ],
              "actions": [
                {
                  "type": "Action.Execute", "verb": "advance", "title": "Advance",
                  "data": { "id": "42", "verb": "advance" }, "style": "positive", "associatedInputs": "none",
                  "fallback": {
                    "type": "Action.Submit", "title": "Advance",
                    "data": { "id": "42", "verb": "advance" }, "style": "positive", "associatedInputs": "none"
                  }
                }
              ],
              "msteams": { "width": "Full" }
            }
            """, json);
    }

    [Fact]
    public void Render_FormWithRequiredInputsAndErrors_ShowsErrorsAndKeepsValues()
    {
        var body = CreateSut().Render(LeadForm, "en")["body"]!;

        AssertJson("""
            [
              { "type": "TextBlock", "text": "Please fix the fields below.", "wrap": true, "weight": "bolder", "color": "attention" },
              { "type": "TextBlock", "text": "New lead", "wrap": true, "size": "large", "weight": "bolder", "style": "heading" },
              { "type": "Input.Text", "id": "company", "label": "Company", "isRequired": true, "errorMessage": "Company",
                "value": "Acme", "placeholder": "Account name", "maxLength": 100 },
              { "type": "Input.Number", "id": "amount", "label": "Amount", "isRequired": true, "errorMessage": "Amount is required.", "min": 0 },
              { "type": "TextBlock", "text": "Amount is required.", "wrap": true, "size": "small", "color": "attention", "spacing": "small" },
              { "type": "Input.Date", "id": "close", "label": "Expected close", "value": "2026-09-30" },
              { "type": "Input.Text", "id": "notes", "label": "Notes", "value": "Met at the fair", "isMultiline": true, "maxLength": 500 },
              { "type": "Input.Toggle", "id": "urgent", "title": "Needs approval", "value": "true", "wrap": true }
            ]
            """, body);
    }

    [Fact]
    public void Render_MoreButtonsThanARowHolds_EvenRowsOfActionSetsAtTheEnd()
    {
        // adaptivecards reports more than 5 actions in one collection (host config maxActions) and drops the rest.
        var json = CreateSut().Render(SixButtons, "en");

        Assert.Null(json["actions"]);
        var rows = json["body"]!.AsArray().Where(e => (string?)e!["type"] == "ActionSet").ToList();
        Assert.Equal([3, 3], rows.Select(r => r!["actions"]!.AsArray().Count));
        Assert.Equal(["log", "snooze1", "snooze3", "snooze7", "pause", "open"], rows.SelectMany(r => r!["actions"]!.AsArray()).Select(a => (string?)a!["verb"]));
        Assert.Equal("ActionSet", (string?)json["body"]!.AsArray()[^1]!["type"]); // below everything else
    }

    [Fact]
    public void Render_FiveButtons_StayTheCardsActions()
    {
        var json = CreateSut().Render(SixButtons with { Actions = SixButtons.Actions.Take(5).ToList() }, "en");

        Assert.Equal(5, json["actions"]!.AsArray().Count);
        Assert.DoesNotContain(json["body"]!.AsArray(), e => (string?)e!["type"] == "ActionSet");
    }

    [Fact]
    public void Render_FormActions_SubmitButtonSendsInputsOthersDoNot()
    {
        var actions = CreateSut().Render(LeadForm, "en")["actions"]!.AsArray();

        Assert.Equal(["auto", "none"], actions.Select(a => (string?)a!["associatedInputs"]));
        Assert.Equal(["auto", "none"], actions.Select(a => (string?)a!["fallback"]!["associatedInputs"]));
    }

    // ---- inputs

    [Theory]
    [InlineData(InputType.Text, "Acme", "Input.Text", "Acme")]             // plain text keeps its value
    [InlineData(InputType.MultilineText, "a\nb", "Input.Text", "a\nb")]    // multiline is a text box with isMultiline
    [InlineData(InputType.Number, "500000", "Input.Number", 500000d)]     // a number the field can hold is a JSON number
    [InlineData(InputType.Number, "50万", "Input.Text", "50万")]           // wan amount: a number field would lose it
    [InlineData(InputType.Date, "2026-09-30", "Input.Date", "2026-09-30")] // ISO date, as Input.Date wants it
    [InlineData(InputType.Date, "下周一", "Input.Text", "下周一")]          // a date typed in words stays as typed
    [InlineData(InputType.Toggle, "false", "Input.Toggle", "false")]      // toggles use the default valueOn/valueOff
    public void Render_InputWithValue_ChoosesElementThatKeepsValue(InputType type, string value, string expectedType, object expectedValue)
    {
        var card = new Card { Title = "t", Inputs = [new CardInput("f", "Field", type) { Value = value }] };

        var input = CreateSut().Render(card, "en")["body"]![1]!;

        Assert.Equal(expectedType, (string?)input["type"]);
        Assert.Equal("f", (string?)input["id"]);
        Assert.True(JsonNode.DeepEquals(JsonValue.Create(expectedValue), input["value"]), input.ToJsonString());
    }

    [Fact]
    public void Render_MultilineInput_IsMultilineTextBox()
    {
        var card = new Card { Title = "t", Inputs = [new CardInput("f", "Field", InputType.MultilineText)] };

        var input = CreateSut().Render(card, "en")["body"]![1]!;

        Assert.True((bool?)input["isMultiline"]);
    }

    [Fact]
    public void Render_RequiredToggle_HasLabelSoClientsCanMarkIt()
    {
        var card = new Card { Title = "t", Inputs = [new CardInput("ok", "I agree", InputType.Toggle) { Required = true }] };

        var input = CreateSut().Render(card, "en")["body"]![1]!;

        Assert.Equal("I agree", (string?)input["label"]);
        Assert.Equal("I agree", (string?)input["title"]);
        Assert.True((bool?)input["isRequired"]);
    }

    [Theory]
    [InlineData(3, "expanded")] // few choices: radio buttons
    [InlineData(4, "compact")]  // more: a drop-down
    public void Render_ChoiceInput_StyleFollowsNumberOfChoices(int count, string expectedStyle)
    {
        var choices = Enumerable.Range(1, count).Select(i => new InputChoice($"v{i}", $"Title {i}")).ToList();
        var card = new Card { Title = "t", Inputs = [new CardInput("c", "Pick", InputType.Choice) { Choices = choices, Value = "v2", Required = true }] };

        var input = CreateSut().Render(card, "en")["body"]![1]!;

        Assert.Equal("Input.ChoiceSet", (string?)input["type"]);
        Assert.Equal(expectedStyle, (string?)input["style"]);
        Assert.Equal("v2", (string?)input["value"]);
        Assert.Equal("Pick", (string?)input["errorMessage"]);
        AssertJson("""{ "title": "Title 1", "value": "v1" }""", input["choices"]![0]!);
        Assert.Equal(count, input["choices"]!.AsArray().Count);
    }

    // ---- bars

    [Theory]
    [InlineData(1.0, 55, 0)]     // full: only the filled part
    [InlineData(0.5, 28, 27)]    // half of the 55-weight track, rounded away from zero
    [InlineData(0.001, 1, 54)]   // tiny but not zero: a sliver stays visible
    [InlineData(0.0, 0, 55)]     // zero: the empty track still renders the row
    [InlineData(-0.3, 0, 55)]    // below zero is clamped
    [InlineData(1.7, 55, 0)]     // above one is clamped
    [InlineData(double.NaN, 0, 55)] // NaN is treated as zero
    public void Render_Bar_DrawsColumnsProportionalToFraction(double fraction, int expectedFilled, int expectedEmpty)
    {
        var card = new Card { Title = "t", Bars = [new CardBar("Lead", fraction, "¥1M")] };

        var row = CreateSut().Render(card, "en")["body"]![1]!["items"]![0]!;
        var columns = row["columns"]!.AsArray();

        Assert.Equal("ColumnSet", (string?)row["type"]);
        Assert.Equal("Lead", (string?)columns[0]!["items"]![0]!["text"]);
        Assert.Equal("¥1M", (string?)columns[^1]!["items"]![0]!["text"]);
        Assert.Equal(expectedFilled, columns.Where(c => (string?)c!["style"] == "accent").Sum(c => (int)c!["width"]!));
        Assert.Equal(expectedEmpty, columns.Where(c => (string?)c!["style"] == "emphasis").Sum(c => (int)c!["width"]!));
        Assert.Equal(100, columns.Sum(c => (int)c!["width"]!)); // every row adds up the same, so bars line up
    }

    [Fact]
    public void Render_HalfBar_WritesGoldenRow()
    {
        var card = new Card { Title = "t", Bars = [new CardBar("Qualified", 0.5, "¥1.6M")] };

        var row = CreateSut().Render(card, "en")["body"]![1]!["items"]![0]!;

        AssertJson("""
            {
              "type": "ColumnSet", "spacing": "small",
              "columns": [
                { "type": "Column", "width": 30, "verticalContentAlignment": "center",
                  "items": [ { "type": "TextBlock", "text": "Qualified", "wrap": true } ] },
                { "type": "Column", "width": 28, "style": "accent", "minHeight": "16px" },
                { "type": "Column", "width": 27, "style": "emphasis", "minHeight": "16px", "spacing": "none" },
                { "type": "Column", "width": 15, "verticalContentAlignment": "center",
                  "items": [ { "type": "TextBlock", "text": "¥1.6M", "wrap": true, "horizontalAlignment": "right" } ] }
              ]
            }
            """, row);
    }

    // ---- sections

    [Fact]
    public void Render_Section_IsSeparatedContainerWithTitleLinesAndFacts()
    {
        var body = CreateSut().Render(Funnel, "en")["body"]!.AsArray();
        var section = body.Single(e => (string?)e!["type"] == "Container" && e["separator"] is not null)!;

        AssertJson("""
            {
              "type": "Container", "separator": true, "spacing": "medium",
              "items": [
                { "type": "TextBlock", "text": "Forecast", "wrap": true, "weight": "bolder" },
                { "type": "TextBlock", "text": "Commit ¥800k", "wrap": true, "spacing": "small" },
                { "type": "TextBlock", "text": "Best case ¥1.2M", "wrap": true, "spacing": "small" },
                { "type": "FactSet", "facts": [ { "title": "Quarter", "value": "Q3" } ] }
              ]
            }
            """, section);
    }

    // ---- actions and user-specific views

    [Theory]
    [InlineData(DomainActionStyle.Positive, true, "positive", "auto")]     // the form's submit button
    [InlineData(DomainActionStyle.Destructive, false, "destructive", "none")] // reject: sends no inputs
    [InlineData(DomainActionStyle.Default, false, null, "none")]          // default style is left out
    public void Render_Action_IsExecuteWithVerbInDataAndSubmitFallback(DomainActionStyle style, bool submitsInputs, string? expectedStyle, string expectedInputs)
    {
        var action = new CardAction("Go", "deal.go")
        {
            Data = new Dictionary<string, string> { ["id"] = "42", ["verb"] = "stale" }, // the action's verb wins
            Style = style,
            SubmitsInputs = submitsInputs,
        };
        var card = new Card { Title = "t", Actions = [action] };

        var rendered = CreateSut().Render(card, "en")["actions"]![0]!;

        Assert.Equal("Action.Execute", (string?)rendered["type"]);
        Assert.Equal("deal.go", (string?)rendered["verb"]);
        AssertJson("""{ "id": "42", "verb": "deal.go" }""", rendered["data"]!);
        Assert.Equal(expectedStyle, (string?)rendered["style"]);
        Assert.Equal(expectedInputs, (string?)rendered["associatedInputs"]);
        Assert.Equal("Action.Submit", (string?)rendered["fallback"]!["type"]);
        AssertJson("""{ "id": "42", "verb": "deal.go" }""", rendered["fallback"]!["data"]!);
    }

    [Fact]
    public void Render_ActionsVisibleToApprovers_MovesButtonsBehindRefresh()
    {
        var json = CreateSut().Render(ApprovalRequest, "en");

        Assert.Null(json["actions"]);
        AssertJson("""
            {
              "action": { "type": "Action.Execute", "verb": "approval.show", "data": { "approval": "7", "verb": "approval.show" } },
              "userIds": [ "29:manager-1", "29:manager-2" ]
            }
            """, json["refresh"]!);
    }

    [Fact]
    public void Render_ApproversView_HasButtonsAndNoRefresh()
    {
        var json = CreateSut().Render(ApprovalRequest with { ActionsVisibleTo = null }, "en");

        Assert.Null(json["refresh"]);
        Assert.Equal(["approve", "reject"], json["actions"]!.AsArray().Select(a => (string?)a!["verb"]));
    }

    [Fact]
    public void Render_MoreThan60Approvers_RefreshesTheFirst60()
    {
        var users = Enumerable.Range(1, 75).Select(i => $"29:user-{i}").ToList();

        var json = CreateSut().Render(ApprovalRequest with { ActionsVisibleTo = users }, "en");

        Assert.Equal(users.Take(60), json["refresh"]!["userIds"]!.AsArray().Select(u => (string?)u));
    }

    [Fact]
    public void Render_ActionsVisibleToWithoutRefreshVerb_Throws()
    {
        var card = ApprovalRequest with { RefreshVerb = null };

        var ex = Assert.Throws<ArgumentException>(() => CreateSut().Render(card, "en"));

        Assert.Contains("RefreshVerb", ex.Message);
    }

    [Fact]
    public void Render_CardWithoutActions_WritesNoActionsArray()
    {
        var json = CreateSut().Render(new Card { Title = "Nothing due today" }, "en");

        Assert.Null(json["actions"]);
        Assert.Null(json["refresh"]);
        Assert.Single(json["body"]!.AsArray());
    }

    // ---- locale

    [Theory]
    [InlineData("zh-CN", "zh")]  // lang is ISO 639 without region: adaptivecards rejects "zh-CN"
    [InlineData("en-US", "en")]  // Teams' usual locale
    [InlineData("en", "en")]     // already a language
    [InlineData("zh_CN", "zh")]  // underscore form, as some clients send it
    [InlineData("", null)]       // unknown locale: no lang rather than an empty one
    [InlineData("english", null)] // not a language code: left out rather than rejected by the client
    public void Render_Locale_BecomesLang(string locale, string? expected)
    {
        var json = CreateSut().Render(DealCard, locale);

        Assert.Equal(expected, (string?)json["lang"]);
    }

    // ---- size

    [Theory]
    [InlineData("pipeline")] // ASCII
    [InlineData("商机")]     // CJK: Teams counts UTF-16, the same two bytes per character
    public void Render_OversizedCard_CutsListsAndTextToFitBudget(string word)
    {
        var card = Oversized(word);

        var json = CreateSut().Render(card, "en");
        var body = json["body"]!.AsArray();
        var texts = body.Select(e => (string?)e!["text"]).ToList();

        Assert.InRange(AdaptiveCardRenderer.MeasureBytes(json), 1, AdaptiveCardRenderer.MaxCardBytes);
        Assert.Equal($"{word} report", texts[0]);                                  // the title survives whole
        Assert.EndsWith("…", texts[1]);                                             // the long text is cut with an ellipsis
        Assert.Contains(texts, t => t is not null && t.StartsWith("… +", StringComparison.Ordinal)); // cut lists say how many are hidden
        var facts = body.Single(e => (string?)e!["type"] == "FactSet")!["facts"]!.AsArray();
        Assert.Equal($"{word} 1", (string?)facts[0]!["title"]);                    // lists keep their first items
        Assert.Contains(body, e => (string?)e!["text"] == $"… +{400 - facts.Count}"); // and count the rest
        Assert.Equal("open", (string?)json["actions"]![0]!["verb"]);              // buttons are kept
    }

    [Fact]
    public void Render_LargeCardWithinBudget_IsNotCut()
    {
        // About 20 KB: big, but within the budget, so nothing may be dropped.
        var card = new Card
        {
            Title = "Team deals",
            Facts = Enumerable.Range(1, 150).Select(i => new CardFact($"#{i}", $"Account {i} · ¥{i},000")).ToList(),
        };

        var json = CreateSut().Render(card, "en");

        Assert.InRange(AdaptiveCardRenderer.MeasureBytes(json), 8 * 1024, AdaptiveCardRenderer.MaxCardBytes);
        Assert.Equal(150, json["body"]![1]!["facts"]!.AsArray().Count);
        Assert.DoesNotContain("…", json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MeasureBytes_ChineseText_CountsTwoBytesPerCharacterUnescaped()
    {
        var json = new JsonObject { ["t"] = "商机" };

        // {"t":"商机"} is 10 UTF-16 characters: the text is not escaped as \uXXXX.
        Assert.Equal(20, AdaptiveCardRenderer.MeasureBytes(json));
    }

    [Fact]
    public void ContentType_IsAdaptiveCardAttachmentType()
    {
        // Not application/vnd.microsoft.adaptive.card, as one Teams page spells it (reference §4.6).
        Assert.Equal("application/vnd.microsoft.card.adaptive", AdaptiveCardRenderer.ContentType);
    }

    // ---- the model on its own

    [Fact]
    public void ToJsonObject_ActionSetAndColumnWidths_WritesSchemaSpelling()
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                new ActionSet([new SubmitAction { Title = "Send", Data = new Dictionary<string, string> { ["k"] = "v" } }]),
                new ColumnSet([new Column { Width = ColumnWidth.Auto }, new Column { Width = ColumnWidth.Stretch }, new Column { Width = ColumnWidth.Weighted(3) }]),
            ],
        };

        AssertJson("""
            {
              "type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "version": "1.5",
              "body": [
                { "type": "ActionSet", "actions": [ { "type": "Action.Submit", "title": "Send", "data": { "k": "v" } } ] },
                { "type": "ColumnSet", "columns": [
                  { "type": "Column", "width": "auto" }, { "type": "Column", "width": "stretch" }, { "type": "Column", "width": 3 } ] }
              ]
            }
            """, card.ToJsonObject());
    }

    private static void AssertJson(string expected, JsonNode actual)
    {
        var expectedNode = JsonNode.Parse(expected)!;
        Assert.True(
            JsonNode.DeepEquals(expectedNode, actual),
            $"Expected:\n{expectedNode.ToJsonString(Indented)}\nActual:\n{actual.ToJsonString(Indented)}");
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new(AdaptiveCard.JsonOptions) { WriteIndented = true };
}
