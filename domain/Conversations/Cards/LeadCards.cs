using System.Globalization;
using OppBot.Domain.Analytics;
using OppBot.Domain.Opportunities;

namespace OppBot.Domain.Conversations.Cards;

/// <summary>The lead form, the duplicate warning, deal lists, the pool, the funnel and the review card.</summary>
public static class LeadCards
{
    /// <summary>The dialog that keeps a lead's values while the duplicate warning is answered.</summary>
    public const string ConfirmDialog = "lead.confirm";

    /// <summary>The lead capture form, keeping <paramref name="values"/> and showing <paramref name="errors"/> next to the fields.</summary>
    public static Card Form(CardContext c, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string>? errors)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(values);
        return new Card
        {
            Title = c.T("lead.formTitle"),
            Error = errors is { Count: > 0 } ? c.T("form.fix") : null,
            Inputs = LeadForm.Fields.Select(f => f.ToInput(c.Locale, values.GetValueOrDefault(f.Id), errors?.GetValueOrDefault(f.Id))).ToList(),
            Actions = [new CardAction(c.T("action.create"), Verbs.SubmitLead) { SubmitsInputs = true, Style = ActionStyle.Positive }],
        };
    }

    /// <summary>The 撞单 warning: the existing deals and their owners, with "create anyway" and "join as collaborator".</summary>
    public static Card Duplicates(IReadOnlyList<DuplicateMatch> matches, CardContext c)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(c);
        var first = matches[0].Existing;
        var actions = new List<CardAction> { new(c.T("action.createAnyway"), Verbs.CreateAnyway) };
        actions.AddRange(matches.Take(3).Select(m => new CardAction(c.T("action.join", m.Existing.Number), Verbs.Join) { Data = DealCards.Data(m.Existing), Style = ActionStyle.Positive }));
        actions.Add(new CardAction(c.T("action.cancel"), Verbs.Cancel));
        return new Card
        {
            Title = c.T("dup.title"),
            Text = c.T("dup.text", Messages.DealLabel(first), c.NameOf(first.OwnerId)),
            Sections = [new CardSection(null, matches.Take(5).Select(m => c.T(
                "dup.line",
                Messages.DealLabel(m.Existing),
                c.NameOf(m.Existing.OwnerId),
                Messages.Day(c.Locale, m.Existing.LastActivityAt, c.Zone),
                c.T("dup.reason." + m.Reason))).ToList())],
            Actions = actions,
        };
    }

    /// <summary>A paged list of deals with stalled and overdue marks.</summary>
    public static Card List(string title, IReadOnlyList<Opportunity> deals, int page, int pageSize, string pageVerb, CardContext c, bool showOwner)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(c);
        var pages = Math.Max(1, (deals.Count + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = deals.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var lines = shown.Select(o => Line(o, c, showOwner)).ToList();
        var actions = shown.Take(5).Select(o => new CardAction($"#{o.Number}", Verbs.Show) { Data = DealCards.Data(o) }).ToList();
        if (page < pages)
        {
            actions.Add(new CardAction(c.T("action.nextPage"), pageVerb) { Data = new Dictionary<string, string> { ["page"] = (page + 1).ToString(CultureInfo.InvariantCulture) } });
        }

        return new Card
        {
            Title = title,
            Subtitle = pages > 1 ? c.T("list.page", page, pages) : null,
            Text = deals.Count == 0 ? c.T("list.empty") : null,
            Sections = lines.Count == 0 ? [] : [new CardSection(null, lines)],
            Actions = actions,
        };
    }

    private static string Line(Opportunity o, CardContext c, bool showOwner)
    {
        var marks = new List<string>();
        if (o.IsOverdue(c.Now))
        {
            marks.Add("⏰ " + c.T("mark.overdue"));
        }

        if (o.IsStalled(c.Settings, c.Now))
        {
            marks.Add("⚠ " + c.T("mark.stalled"));
        }

        var owner = showOwner ? $" · {c.NameOf(o.OwnerId)}" : string.Empty;
        var next = o.NextStepDue is { } due ? $" · {c.T("card.nextStep")}: {o.NextStep} ({Messages.When(c.Locale, due, c.Zone)})" : string.Empty;
        var mark = marks.Count > 0 ? " · " + string.Join(" ", marks) : string.Empty;
        return $"**{Messages.DealLabel(o)}** · {o.Stage(c.Settings).Name(c.Locale)} · {Messages.Money(c.Locale, o.Amount, o.Currency)} · {o.Grade(c.Settings)}{owner}{next}{mark}";
    }

    /// <summary>The team's pool with claim buttons.</summary>
    public static Card Pool(IReadOnlyList<Opportunity> deals, CardContext c)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(c);
        return new Card
        {
            Title = c.T("pool.title", deals.Count),
            Sections = [new CardSection(null, deals.Take(20).Select(o => Line(o, c, showOwner: false)).ToList())],
            Actions = deals.Take(5).Select(o => new CardAction(c.T("action.claimNumber", o.Number), Verbs.Claim) { Data = DealCards.Data(o) }).ToList(),
        };
    }

    /// <summary>The funnel as bars drawn in the card, with conversion, win rate and weighted forecast.</summary>
    public static Card Pipeline(Funnel funnel, string title, CardContext c)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(c);
        var max = Math.Max(1m, funnel.Stages.Max(s => s.Amount));
        var bars = funnel.Stages.Select(s => new CardBar(
            s.Stage.Name(c.Locale),
            (double)(s.Amount / max),
            c.T("pipeline.bar", s.Count, Messages.Money(c.Locale, s.Amount, c.Settings.DefaultCurrency)))).ToList();
        var conversions = funnel.Stages.Where(s => s.ConversionToNext is not null)
            .Select((s, i) => c.T("pipeline.conversion", s.Stage.Name(c.Locale), i + 1 < funnel.Stages.Count ? funnel.Stages[i + 1].Stage.Name(c.Locale) : OppBot.Domain.Pipeline.PipelineDefinition.Won.Name(c.Locale), Messages.Percent(s.ConversionToNext!.Value)))
            .ToList();
        return new Card
        {
            Title = title,
            Bars = bars,
            Facts =
            [
                new(c.T("pipeline.forecast"), Messages.Money(c.Locale, funnel.WeightedForecast, c.Settings.DefaultCurrency)),
                new(c.T("pipeline.won"), c.T("pipeline.countAmount", funnel.Won, Messages.Money(c.Locale, funnel.WonAmount, c.Settings.DefaultCurrency))),
                new(c.T("pipeline.lost"), funnel.Lost.ToString(CultureInfo.InvariantCulture)),
                new(c.T("pipeline.winRate"), funnel.WinRate is { } rate ? Messages.Percent(rate) : "—"),
                new(c.T("mark.stalled"), funnel.Stalled.ToString(CultureInfo.InvariantCulture)),
            ],
            Sections = conversions.Count == 0 ? [] : [new CardSection(c.T("pipeline.conversions"), conversions)],
        };
    }
}
