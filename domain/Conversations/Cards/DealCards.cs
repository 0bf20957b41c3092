using System.Globalization;
using OppBot.Domain.Opportunities;
using OppBot.Domain.Pipeline;

namespace OppBot.Domain.Conversations.Cards;

/// <summary>Cards about one deal: the opportunity card and the small forms that act on it.</summary>
public static class DealCards
{
    /// <summary>How many follow-ups the opportunity card shows.</summary>
    public const int RecentFollowUps = 3;

    /// <summary>The opportunity card: stage progress, grade with breakdown, amount, next step, recent follow-ups, buttons.</summary>
    public static Card Opportunity(Opportunity o, CardContext c)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(c);
        var score = o.Score(c.Settings);
        var facts = new List<CardFact>
        {
            new(c.T("field.account"), o.Account),
            new(c.T("field.amount"), Messages.Money(c.Locale, o.Amount, o.Currency)),
            new(c.T("card.stage"), StageName(o, c)),
            new(c.T("card.owner"), c.NameOf(o.OwnerId)),
            new(c.T("field.source"), LeadSourceNames.Name(o.Source, c.Locale)),
        };
        if (o.QuotedAmount is { } quoted)
        {
            facts.Add(new(c.T("field.quoted"), Messages.Money(c.Locale, quoted, o.Currency)));
        }

        if (o.ContactName is not null)
        {
            facts.Add(new(c.T("field.contact"), o.ContactName));
        }

        if (o.DecisionMaker is not null)
        {
            facts.Add(new(c.T("field.dm"), o.DecisionMaker));
        }

        facts.Add(new(c.T("card.nextStep"), NextStepText(o, c)));
        if (o.Status == OpportunityStatus.Lost && o.LossReason is not null)
        {
            var reason = c.Settings.LossReasons.FirstOrDefault(r => r.Code == o.LossReason)?.Name(c.Locale) ?? o.LossReason;
            facts.Add(new(c.T("card.lossReason"), o.LossNote is null ? reason : $"{reason}: {o.LossNote}"));
        }

        var sections = new List<CardSection>
        {
            new(c.T("card.grade", score.Grade, score.Score.ToString("0.0", CultureInfo.InvariantCulture)), GradeLines(score, c)),
        };
        var recent = o.FollowUps.TakeLast(RecentFollowUps).Reverse()
            .Select(f => $"{Messages.When(c.Locale, f.At, c.Zone)} · {c.NameOf(f.ById)}: {f.Note}").ToList();
        sections.Add(new(c.T("card.followUps"), recent.Count == 0 ? [c.T("card.noFollowUps")] : recent));

        var actions = new List<CardAction>();
        if (o.Status == OpportunityStatus.Open && o.CanEdit(c.Viewer))
        {
            var n = Data(o);
            actions.Add(new CardAction(c.T("action.log"), Verbs.Log) { Data = n });
            actions.Add(new CardAction(c.T("action.next"), Verbs.Next) { Data = n });
            actions.Add(new CardAction(c.T("action.advance"), Verbs.Advance) { Data = n, Style = ActionStyle.Positive });
            actions.Add(new CardAction(c.T("action.won"), Verbs.Won) { Data = n });
            actions.Add(new CardAction(c.T("action.lost"), Verbs.Lost) { Data = n, Style = ActionStyle.Destructive });
            if (!o.InPool)
            {
                actions.Add(new CardAction(c.T("action.release"), Verbs.Release) { Data = n });
            }
        }
        else if (o.InPool && o.CanRead(c.Viewer))
        {
            actions.Add(new CardAction(c.T("action.claim"), Verbs.Claim) { Data = Data(o), Style = ActionStyle.Positive });
        }
        else if (o.Status != OpportunityStatus.Open && c.Viewer.Manages(o.TeamId))
        {
            actions.Add(new CardAction(c.T("action.reopen"), Verbs.Reopen) { Data = Data(o) });
        }

        return new Card
        {
            Title = Messages.DealLabel(o),
            Subtitle = Progress(o, c),
            Facts = facts,
            Sections = sections,
            Actions = actions,
        };
    }

    /// <summary>"线索 ✔ → 需求确认 ● → 方案报价 → …".</summary>
    public static string Progress(Opportunity o, CardContext c)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(c);
        var pipeline = c.Settings.Pipeline;
        var current = o.Status switch
        {
            OpportunityStatus.Won => pipeline.Active.Count,
            OpportunityStatus.Lost => -1,
            _ => pipeline.IndexOf(o.StageCode),
        };
        var parts = pipeline.Active.Select((s, i) => i < current ? $"{s.Name(c.Locale)} ✓" : i == current ? $"【{s.Name(c.Locale)}】" : s.Name(c.Locale));
        var end = o.Status switch
        {
            OpportunityStatus.Won => $"【{PipelineDefinition.Won.Name(c.Locale)}】",
            OpportunityStatus.Lost => $"【{PipelineDefinition.Lost.Name(c.Locale)}】",
            _ => PipelineDefinition.Won.Name(c.Locale),
        };
        return string.Join(" → ", parts.Append(end));
    }

    /// <summary>The stage's name with days in stage, and the stalled or overdue marks.</summary>
    public static string StageName(Opportunity o, CardContext c)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(c);
        var name = o.Stage(c.Settings).Name(c.Locale);
        if (o.Status != OpportunityStatus.Open)
        {
            return name;
        }

        var text = c.T("card.daysInStage", name, o.DaysInStage(c.Now));
        return o.IsStalled(c.Settings, c.Now) ? $"{text} · {c.T("mark.stalled")}" : text;
    }

    /// <summary>The next step and when it is due, marked when overdue.</summary>
    public static string NextStepText(Opportunity o, CardContext c)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(c);
        if (o.NextStep is null)
        {
            return c.T("card.noNextStep");
        }

        var due = o.NextStepDue is { } d ? Messages.When(c.Locale, d, c.Zone) : "—";
        return o.IsOverdue(c.Now) ? $"{o.NextStep} ({due}) · {c.T("mark.overdue")}" : $"{o.NextStep} ({due})";
    }

    /// <summary>A follow-up form with an optional next step.</summary>
    public static Card LogForm(Opportunity o, CardContext c, string? error = null) => new()
    {
        Title = c.T("log.title", Messages.DealLabel(o)),
        Error = error,
        Inputs =
        [
            new CardInput("note", c.T("field.note"), InputType.MultilineText) { Required = true, MaxLength = LeadDraft.MaxNoteLength },
            new CardInput(LeadFields.NextStep, c.T("field.nextWhat"), InputType.Text) { MaxLength = LeadDraft.MaxNoteLength },
            new CardInput(LeadFields.NextDue, c.T("field.nextWhen"), InputType.Text) { Placeholder = c.T("field.nextWhen.hint") },
        ],
        Actions = [new CardAction(c.T("action.save"), Verbs.Log) { Data = Data(o), SubmitsInputs = true, Style = ActionStyle.Positive }],
    };

    /// <summary>A next-step form.</summary>
    public static Card NextForm(Opportunity o, CardContext c, string? error = null) => new()
    {
        Title = c.T("next.title", Messages.DealLabel(o)),
        Error = error,
        Inputs =
        [
            new CardInput(LeadFields.NextStep, c.T("field.nextWhat"), InputType.Text) { Required = true, MaxLength = LeadDraft.MaxNoteLength, Value = o.NextStep },
            new CardInput(LeadFields.NextDue, c.T("field.nextWhen"), InputType.Text) { Required = true, Placeholder = c.T("field.nextWhen.hint") },
        ],
        Actions = [new CardAction(c.T("action.save"), Verbs.Next) { Data = Data(o), SubmitsInputs = true, Style = ActionStyle.Positive }],
    };

    /// <summary>The loss form: the reason from the configured list and a note.</summary>
    public static Card LostForm(Opportunity o, CardContext c, string? error = null) => new()
    {
        Title = c.T("lost.title", Messages.DealLabel(o)),
        Error = error,
        Inputs =
        [
            new CardInput("reason", c.T("field.lossReason"), InputType.Choice)
            {
                Required = true,
                Choices = c.Settings.LossReasons.Select(r => new InputChoice(r.Code, r.Name(c.Locale))).ToList(),
            },
            new CardInput("note", c.T("field.note"), InputType.MultilineText) { MaxLength = LeadDraft.MaxNoteLength },
        ],
        Actions = [new CardAction(c.T("action.lost"), Verbs.Lost) { Data = Data(o), SubmitsInputs = true, Style = ActionStyle.Destructive }],
    };

    /// <summary>The advance card: the exit criteria of the current stage, asking exactly for what is missing.</summary>
    public static Card AdvanceForm(Opportunity o, string target, IReadOnlyList<ExitCriterion> missing, CardContext c)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(missing);
        var stage = o.Stage(c.Settings);
        var lines = stage.ExitCriteria.Select(cr => (missing.Contains(cr) ? "✗ " : "✓ ") + Messages.Criterion(c.Locale, cr)).ToList();
        return new Card
        {
            Title = c.T("advance.title", Messages.DealLabel(o), c.Settings.Pipeline.Get(target).Name(c.Locale)),
            Text = c.T("advance.missing", string.Join(c.T("list.separator"), missing.Select(m => Messages.Criterion(c.Locale, m)))),
            Sections = [new CardSection(c.T("advance.criteria", stage.Name(c.Locale)), lines)],
            Inputs = missing.Select(m => CriterionInput(m, c)).ToList(),
            Actions = [new CardAction(c.T("action.advance"), Verbs.Advance) { Data = Data(o), SubmitsInputs = true, Style = ActionStyle.Positive }],
        };
    }

    private static CardInput CriterionInput(ExitCriterion criterion, CardContext c) => criterion switch
    {
        ExitCriterion.Contact => new CardInput(LeadFields.Contact, c.T("field.contact"), InputType.Text) { Required = true, MaxLength = LeadDraft.MaxShortTextLength },
        ExitCriterion.DecisionMaker => new CardInput(LeadFields.DecisionMaker, c.T("field.dm"), InputType.Text) { Required = true, MaxLength = LeadDraft.MaxShortTextLength },
        ExitCriterion.Amount => new CardInput(LeadFields.Amount, c.T("field.amount"), InputType.Text) { Required = true, Placeholder = c.T("field.amount.hint") },
        ExitCriterion.QuotedAmount => new CardInput(LeadFields.QuotedAmount, c.T("field.quoted"), InputType.Text) { Required = true, Placeholder = c.T("field.amount.hint") },
        ExitCriterion.NextStep => new CardInput(LeadFields.NextStep, c.T("field.nextWhat"), InputType.Text) { Required = true },
        ExitCriterion.Budget => new CardInput(LeadFields.Budget, c.T("field.budget"), InputType.Toggle) { Required = true },
        ExitCriterion.Authority => new CardInput(LeadFields.Authority, c.T("field.authority"), InputType.Toggle) { Required = true },
        ExitCriterion.Need => new CardInput(LeadFields.Need, c.T("field.need"), InputType.Toggle) { Required = true },
        ExitCriterion.Timeline => new CardInput(LeadFields.Timeline, c.T("field.timeline"), InputType.Toggle) { Required = true },
        _ => throw new ArgumentOutOfRangeException(nameof(criterion)),
    };

    /// <summary>The data every deal button carries: the deal number.</summary>
    public static IReadOnlyDictionary<string, string> Data(Opportunity o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new Dictionary<string, string> { ["n"] = o.Number.ToString(CultureInfo.InvariantCulture) };
    }

    private static List<string> GradeLines(Scoring.ScoreResult score, CardContext c) =>
        score.Lines.Select(l => c.T(
            "card.scoreLine",
            Messages.ScoreCriterionName(c.Locale, l.Criterion),
            l.Score,
            l.WeightPercent,
            l.Contribution.ToString("0.00", CultureInfo.InvariantCulture))).ToList();
}
