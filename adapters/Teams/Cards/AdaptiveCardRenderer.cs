using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OppBot.Domain.Conversations;
using DomainActionStyle = OppBot.Domain.Conversations.ActionStyle;

namespace OppBot.Adapters.Teams.Cards;

/// <summary>
/// Translates the channel-neutral <see cref="Card"/> into an Adaptive Card 1.5 (reference §5). Strings arrive
/// already localised; <c>locale</c> only becomes the card's <c>lang</c> (its language part: <c>zh-CN</c> → <c>zh</c>).
/// </summary>
/// <remarks>
/// <para>Buttons are <c>Action.Execute</c> with an <c>Action.Submit</c> fallback for clients older than 1.4; both carry
/// the verb in <c>data</c> under <see cref="CardAction.VerbKey"/>, so Submit-style channels (Web Chat, old Teams
/// mobile) receive it in <c>value</c> too.</para>
/// <para>When <see cref="Card.ActionsVisibleTo"/> is set, the card everyone sees has no buttons and a <c>refresh</c>
/// naming those users: Teams then asks the bot (an <c>adaptiveCard/action</c> invoke with
/// <see cref="Card.RefreshVerb"/>) for their own view, which the bot answers with the same card rendered with
/// <c>ActionsVisibleTo = null</c>. The ids must be the ones Teams knows (<c>29:…</c>).</para>
/// <para>The JSON stays within <see cref="MaxCardBytes"/>: when a card would be larger, long texts and lists are cut
/// step by step, each cut list ending with a "… +N" line.</para>
/// </remarks>
public sealed class AdaptiveCardRenderer
{
    /// <summary>
    /// The size budget of one card, counted as Teams counts messages (UTF-16). Teams accepts ~100 KB per bot message;
    /// 28 KB is the Incoming Webhook limit (reference §4.12), kept here as a conservative budget that leaves room for
    /// several cards in one message and for the same card posted through a webhook.
    /// </summary>
    public const int MaxCardBytes = 28 * 1024;

    /// <summary>Teams refreshes a user-specific view automatically for at most 60 users (reference §4.6).</summary>
    public const int MaxRefreshUsers = 60;

    /// <summary>
    /// The most buttons in one row (the card's <c>actions</c> or an <c>ActionSet</c>): Microsoft's renderers allow 5
    /// (host config <c>actions.maxActions</c>) and drop the rest; Teams shows 6. A card with more gets its buttons in
    /// rows of action sets at the end of the body instead, split evenly (6 → 3 + 3).
    /// </summary>
    public const int MaxActionsPerRow = 5;

    // A bar row is label | filled | unfilled | value, in weights that add up to 100 on every row so bars line up.
    private const int LabelWeight = 30;
    private const int TrackWeight = 55;
    private const int ValueWeight = 15;
    private const string BarHeight = "16px";

    private const string Ellipsis = "…";

    // Tried in order until the card fits: first the card as it is, then ever shorter lists and texts.
    private static readonly Limits[] Steps =
    [
        new(int.MaxValue, int.MaxValue),
        new(50, 2000),
        new(20, 800),
        new(10, 300),
        new(5, 120),
        new(3, 60),
    ];

    public static string ContentType => "application/vnd.microsoft.card.adaptive";

    /// <summary>
    /// The size of a rendered card in bytes, as <see cref="MaxCardBytes"/> counts it: written with
    /// <see cref="AdaptiveCard.JsonOptions"/>, which leaves non-ASCII text unescaped. Send it written the same way;
    /// the default encoder's <c>\uXXXX</c> escapes would make Chinese text six times longer on the wire.
    /// </summary>
    public static int MeasureBytes(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Encoding.Unicode.GetByteCount(card.ToJsonString(AdaptiveCard.JsonOptions));
    }

    public JsonObject Render(Card card, string locale)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.ActionsVisibleTo is not null && string.IsNullOrWhiteSpace(card.RefreshVerb))
        {
            throw new ArgumentException(
                "A card with ActionsVisibleTo needs a RefreshVerb: Teams only shows those users their buttons through a refresh.",
                nameof(card));
        }

        foreach (var limits in Steps)
        {
            var json = Build(card, locale, limits).ToJsonObject();
            if (MeasureBytes(json) <= MaxCardBytes)
            {
                return json;
            }
        }

        // Only data the renderer never cuts (ids, verbs, action data, hundreds of inputs or users) can get here.
        throw new InvalidOperationException($"Card '{card.Title}' does not fit in {MaxCardBytes} bytes even when cut.");
    }

    private static AdaptiveCard Build(Card card, string locale, Limits limits)
    {
        var body = new List<AdaptiveElement>();

        if (card.Error is not null)
        {
            body.Add(new TextBlock(limits.Cut(card.Error)) { Wrap = true, Color = TextColor.Attention, Weight = TextWeight.Bolder });
        }

        body.Add(new TextBlock(limits.Cut(card.Title))
        {
            Wrap = true,
            Size = TextSize.Large,
            Weight = TextWeight.Bolder,
            Style = TextBlockStyle.Heading,
        });

        if (card.Subtitle is not null)
        {
            body.Add(new TextBlock(limits.Cut(card.Subtitle)) { Wrap = true, IsSubtle = true, Spacing = Spacing.None });
        }

        if (card.Text is not null)
        {
            body.Add(new TextBlock(limits.Cut(card.Text)) { Wrap = true });
        }

        AddFacts(body, card.Facts, limits);

        foreach (var section in limits.Take(card.Sections))
        {
            body.Add(RenderSection(section, limits));
        }

        AddMore(body, card.Sections.Count, limits);

        if (card.Bars.Count > 0)
        {
            var rows = new List<AdaptiveElement>();
            rows.AddRange(limits.Take(card.Bars).Select(bar => RenderBar(bar, limits)));
            AddMore(rows, card.Bars.Count, limits);
            body.Add(new Container(rows) { Spacing = Spacing.Medium });
        }

        foreach (var input in limits.Take(card.Inputs))
        {
            body.Add(RenderInput(input, limits));
            if (input.Error is not null)
            {
                // Right below its field, so the user sees which value to fix.
                body.Add(new TextBlock(limits.Cut(input.Error)) { Wrap = true, Color = TextColor.Attention, Size = TextSize.Small, Spacing = Spacing.Small });
            }
        }

        AddMore(body, card.Inputs.Count, limits);

        var everyoneSeesActions = card.ActionsVisibleTo is null;
        var actions = everyoneSeesActions
            ? limits.Take(card.Actions).Select(action => RenderAction(action, limits)).ToList()
            : [];
        if (actions.Count > MaxActionsPerRow)
        {
            var rows = (actions.Count + MaxActionsPerRow - 1) / MaxActionsPerRow;
            var perRow = (actions.Count + rows - 1) / rows;
            body.AddRange(actions.Chunk(perRow).Select(row => new ActionSet(row) { Spacing = Spacing.Small }));
            actions = [];
        }

        return new AdaptiveCard
        {
            Lang = Language(locale),
            Body = body,
            Actions = actions.Count > 0 ? actions : null,
            Refresh = everyoneSeesActions ? null : RenderRefresh(card),
            MsTeams = new TeamsCardProperties { Width = TeamsCardProperties.FullWidth },
        };
    }

    private static void AddFacts(List<AdaptiveElement> items, IReadOnlyList<CardFact> facts, Limits limits)
    {
        if (facts.Count == 0)
        {
            return;
        }

        items.Add(new FactSet(limits.Take(facts).Select(f => new Fact(limits.Cut(f.Label), limits.Cut(f.Value))).ToList()));
        AddMore(items, facts.Count, limits);
    }

    private static void AddMore(List<AdaptiveElement> items, int count, Limits limits)
    {
        if (count > limits.MaxItems)
        {
            items.Add(new TextBlock($"{Ellipsis} +{count - limits.MaxItems}") { IsSubtle = true, Spacing = Spacing.Small });
        }
    }

    private static Container RenderSection(CardSection section, Limits limits)
    {
        var items = new List<AdaptiveElement>();
        if (section.Title is not null)
        {
            items.Add(new TextBlock(limits.Cut(section.Title)) { Wrap = true, Weight = TextWeight.Bolder });
        }

        items.AddRange(limits.Take(section.Lines).Select(line => new TextBlock(limits.Cut(line)) { Wrap = true, Spacing = Spacing.Small }));
        AddMore(items, section.Lines.Count, limits);
        AddFacts(items, section.Facts, limits);

        // A Container must not be empty; a section with nothing in it still marks its place.
        if (items.Count == 0)
        {
            items.Add(new TextBlock(Ellipsis) { IsSubtle = true });
        }

        return new Container(items) { Separator = true, Spacing = Spacing.Medium };
    }

    private static ColumnSet RenderBar(CardBar bar, Limits limits)
    {
        var fraction = double.IsNaN(bar.Fraction) ? 0 : Math.Clamp(bar.Fraction, 0, 1);

        // Any value above zero gets at least a sliver; zero draws the empty track only, so the row still shows.
        var filled = fraction <= 0 ? 0 : Math.Max(1, (int)Math.Round(fraction * TrackWeight, MidpointRounding.AwayFromZero));

        var columns = new List<Column>
        {
            new()
            {
                Width = ColumnWidth.Weighted(LabelWeight),
                Items = [new TextBlock(limits.Cut(bar.Label)) { Wrap = true }],
                VerticalContentAlignment = VerticalAlignment.Center,
            },
        };

        if (filled > 0)
        {
            columns.Add(new Column { Width = ColumnWidth.Weighted(filled), Style = ContainerStyle.Accent, MinHeight = BarHeight });
        }

        if (filled < TrackWeight)
        {
            columns.Add(new Column
            {
                Width = ColumnWidth.Weighted(TrackWeight - filled),
                Style = ContainerStyle.Emphasis,
                MinHeight = BarHeight,
                Spacing = filled > 0 ? Spacing.None : null,
            });
        }

        columns.Add(new Column
        {
            Width = ColumnWidth.Weighted(ValueWeight),
            Items = [new TextBlock(limits.Cut(bar.ValueText)) { Wrap = true, HorizontalAlignment = HorizontalAlignment.Right }],
            VerticalContentAlignment = VerticalAlignment.Center,
        });

        return new ColumnSet(columns) { Spacing = Spacing.Small };
    }

    private static AdaptiveInput RenderInput(CardInput input, Limits limits)
    {
        var label = limits.Cut(input.Label);
        var value = input.Value is null ? null : limits.Cut(input.Value);

        AdaptiveInput element = input.Type switch
        {
            InputType.Number when value is null || TryParseNumber(value, out _) => new NumberInput(input.Id)
            {
                Value = value is not null && TryParseNumber(value, out var number) ? number : null,
                Placeholder = Cut(input.Placeholder, limits),
                Min = input.Min,
                Max = input.Max,
            },
            InputType.Date when value is null || IsIsoDate(value) => new DateInput(input.Id)
            {
                Value = value,
                Placeholder = Cut(input.Placeholder, limits),
            },
            InputType.Choice => new ChoiceSetInput(
                input.Id,
                limits.Take(input.Choices).Select(c => new Choice(limits.Cut(c.Title), c.Value)).ToList())
            {
                // A few choices read best as radio buttons; more fit better in a drop-down.
                Style = input.Choices.Count <= 3 ? ChoiceSetStyle.Expanded : ChoiceSetStyle.Compact,
                Value = value,
                Placeholder = Cut(input.Placeholder, limits),
                Wrap = true,
            },
            InputType.Toggle => new ToggleInput(input.Id, label)
            {
                Value = ToggleValue(value),
                Wrap = true,
            },

            // Text, multiline text, and a number or date the user typed in a form the field cannot hold
            // (e.g. "50万"): a text box keeps the value so the user can correct it.
            _ => new TextInput(input.Id)
            {
                Value = value,
                Placeholder = Cut(input.Placeholder, limits),
                IsMultiline = input.Type == InputType.MultilineText ? true : null,
                MaxLength = input.MaxLength,
            },
        };

        return element with
        {
            // A toggle's title already names it; a label is only needed to mark it required.
            Label = input.Type == InputType.Toggle && !input.Required ? null : label,
            IsRequired = input.Required ? true : null,

            // Shown by the client when a required field is left empty.
            ErrorMessage = input.Error is not null ? limits.Cut(input.Error) : input.Required ? label : null,
        };
    }

    private static ExecuteAction RenderAction(CardAction action, Limits limits)
    {
        var title = limits.Cut(action.Title);
        var data = WithVerb(action.Data, action.Verb);
        var style = action.Style switch
        {
            DomainActionStyle.Positive => ActionStyle.Positive,
            DomainActionStyle.Destructive => ActionStyle.Destructive,
            _ => (ActionStyle?)null,
        };
        var inputs = action.SubmitsInputs ? AssociatedInputs.Auto : AssociatedInputs.None;

        return new ExecuteAction(action.Verb)
        {
            Title = title,
            Data = data,
            Style = style,
            AssociatedInputs = inputs,
            Fallback = new SubmitAction { Title = title, Data = data, Style = style, AssociatedInputs = inputs },
        };
    }

    private static AdaptiveRefresh RenderRefresh(Card card)
    {
        var verb = card.RefreshVerb!;
        var data = WithVerb(card.RefreshData ?? new Dictionary<string, string>(), verb);
        return new AdaptiveRefresh(new ExecuteAction(verb) { Data = data }, card.ActionsVisibleTo!.Take(MaxRefreshUsers).ToList());
    }

    // "lang" is an ISO 639 language code without region (zh-CN → zh); the renderers reject anything else.
    private static string? Language(string? locale)
    {
        var language = locale?.Split('-', '_')[0];
        return language is { Length: 2 or 3 } && language.All(char.IsAsciiLetter) ? language.ToLowerInvariant() : null;
    }

    private static Dictionary<string, string> WithVerb(IReadOnlyDictionary<string, string> data, string verb) =>
        new(data) { [CardAction.VerbKey] = verb };

    private static bool TryParseNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    private static bool IsIsoDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static string? ToggleValue(string? value) =>
        value is null ? null : bool.TryParse(value, out var on) ? (on ? "true" : "false") : null;

    private static string? Cut(string? text, Limits limits) => text is null ? null : limits.Cut(text);

    private sealed record Limits(int MaxItems, int MaxChars)
    {
        public IEnumerable<T> Take<T>(IReadOnlyList<T> items) => items.Take(MaxItems);

        public string Cut(string text)
        {
            if (text.Length <= MaxChars)
            {
                return text;
            }

            var length = MaxChars - 1;
            if (char.IsHighSurrogate(text[length - 1]))
            {
                length--; // never split a surrogate pair (emoji, rare CJK)
            }

            return string.Concat(text.AsSpan(0, length), Ellipsis);
        }
    }
}
