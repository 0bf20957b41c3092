using System.Globalization;
using OppBot.Domain.Opportunities;
using OppBot.Domain.Scoring;
using OppBot.Domain.Text;

namespace OppBot.Domain.Conversations;

/// <summary>The lead capture form: its fields and how submitted values become a <see cref="LeadDraft"/>.</summary>
public static class LeadForm
{
    /// <summary>The dialog name of the step-by-step lead form.</summary>
    public const string Name = "lead";

    /// <summary>The fields, in the order they are asked.</summary>
    public static IReadOnlyList<FormField> Fields { get; } =
    [
        new(LeadFields.Account, "field.account", InputType.Text, Required: true) { MaxLength = LeadDraft.MaxAccountLength },
        new(LeadFields.Title, "field.title", InputType.Text, Required: true) { MaxLength = LeadDraft.MaxTitleLength },
        new(LeadFields.Amount, "field.amount", InputType.Text, Required: true) { PlaceholderKey = "field.amount.hint" },
        new(LeadFields.Source, "field.source", InputType.Choice) { Choices = SourceChoices },
        new(LeadFields.Contact, "field.contact", InputType.Text) { MaxLength = LeadDraft.MaxShortTextLength },
        new(LeadFields.Phone, "field.phone", InputType.Text) { MaxLength = LeadDraft.MaxShortTextLength },
        new(LeadFields.Email, "field.email", InputType.Text) { MaxLength = LeadDraft.MaxShortTextLength },
        new(LeadFields.DecisionMaker, "field.dm", InputType.Text) { MaxLength = LeadDraft.MaxShortTextLength },
        new(LeadFields.NextStep, "field.nextWhat", InputType.Text) { MaxLength = LeadDraft.MaxNoteLength },
        new(LeadFields.NextDue, "field.nextWhen", InputType.Text) { PlaceholderKey = "field.nextWhen.hint" },
        new(LeadFields.CompanySize, "field.companySize", InputType.Choice) { Choices = ScoreChoices },
        new(LeadFields.Urgency, "field.urgency", InputType.Choice) { Choices = ScoreChoices },
        new(LeadFields.DecisionMakerAccess, "field.dmAccess", InputType.Choice) { Choices = ScoreChoices },
        new(LeadFields.ProductFit, "field.productFit", InputType.Choice) { Choices = ScoreChoices },
        new(LeadFields.Budget, "field.budget", InputType.Toggle),
        new(LeadFields.Authority, "field.authority", InputType.Toggle),
        new(LeadFields.Need, "field.need", InputType.Toggle),
        new(LeadFields.Timeline, "field.timeline", InputType.Toggle),
    ];

    /// <summary>The six lead sources, named in the locale.</summary>
    public static IReadOnlyList<InputChoice> SourceChoices(string locale) =>
        Enum.GetValues<LeadSource>().Select(s => new InputChoice(s.ToString(), LeadSourceNames.Name(s, locale))).ToList();

    /// <summary>Scores 0–10.</summary>
    public static IReadOnlyList<InputChoice> ScoreChoices(string locale) =>
        Enumerable.Range(0, 11).Select(i => new InputChoice(i.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture))).ToList();

    /// <summary>
    /// Reads submitted values. Returns the draft, or null with an error per field (in the user's language).
    /// </summary>
    public static LeadDraft? Read(
        IReadOnlyDictionary<string, string> values,
        DomainSettings settings,
        DateTimeOffset now,
        TimeZoneInfo zone,
        string locale,
        out Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(settings);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        errors = found;
        string? V(string key) => values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        foreach (var field in Fields.Where(f => f.Required && V(f.Id) is null))
        {
            errors[field.Id] = Strings.Get(locale, "form.required");
        }

        decimal amount = 0;
        string? currency = null;
        if (V(LeadFields.Amount) is { } amountText)
        {
            var parsed = AmountParser.Parse(amountText);
            if (parsed.Success)
            {
                amount = parsed.Amount;
                currency = parsed.Currency;
            }
            else
            {
                errors[LeadFields.Amount] = Strings.Get(locale, "amount.invalid", amountText);
            }
        }

        var source = LeadSource.Other;
        if (V(LeadFields.Source) is { } sourceText && !LeadSourceNames.TryParse(sourceText, out source))
        {
            errors[LeadFields.Source] = Strings.Get(locale, "source.invalid", sourceText);
        }

        DateTimeOffset? due = null;
        if (V(LeadFields.NextDue) is { } dueText)
        {
            var parsed = DateExpressionParser.Parse(dueText, now, zone);
            if (parsed.Success)
            {
                due = parsed.Value;
            }
            else
            {
                errors[LeadFields.NextDue] = Strings.Get(locale, "date.invalid", dueText);
            }
        }

        if (V(LeadFields.NextStep) is not null && due is null && !errors.ContainsKey(LeadFields.NextDue))
        {
            errors[LeadFields.NextDue] = Strings.Get(locale, "form.required");
        }

        int Score(string key)
        {
            if (V(key) is not { } s)
            {
                return 0;
            }

            if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 0 and <= 10)
            {
                return score;
            }

            found[key] = Strings.Get(locale, "score.invalid");
            return 0;
        }

        var scorecard = new Scorecard(Score(LeadFields.CompanySize), Score(LeadFields.Urgency), Score(LeadFields.DecisionMakerAccess), Score(LeadFields.ProductFit))
        {
            Budget = IsYes(V(LeadFields.Budget)),
            Authority = IsYes(V(LeadFields.Authority)),
            Need = IsYes(V(LeadFields.Need)),
            Timeline = IsYes(V(LeadFields.Timeline)),
        };

        var draft = new LeadDraft
        {
            Account = V(LeadFields.Account) ?? string.Empty,
            Title = V(LeadFields.Title) ?? string.Empty,
            Amount = amount,
            Currency = currency,
            Source = source,
            ContactName = V(LeadFields.Contact),
            ContactPhone = V(LeadFields.Phone),
            ContactEmail = V(LeadFields.Email),
            DecisionMaker = V(LeadFields.DecisionMaker),
            NextStep = V(LeadFields.NextStep),
            NextStepDue = due,
            Scorecard = scorecard,
        };

        foreach (var problem in draft.Validate(settings, now))
        {
            var key = FieldOf(problem.Field);
            if (!errors.ContainsKey(key))
            {
                errors[key] = Messages.Refusal(locale, problem.Problem);
            }
        }

        return errors.Count == 0 ? draft : null;
    }

    /// <summary>Whether a toggle or yes/no answer means yes.</summary>
    public static bool IsYes(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || value.Equals("y", StringComparison.OrdinalIgnoreCase) || value is "1" or "是" or "有" or "对" or "确认");

    private static string FieldOf(string draftProperty) => draftProperty switch
    {
        nameof(LeadDraft.Account) => LeadFields.Account,
        nameof(LeadDraft.Title) => LeadFields.Title,
        nameof(LeadDraft.Amount) => LeadFields.Amount,
        nameof(LeadDraft.Currency) => LeadFields.Amount,
        nameof(LeadDraft.ContactName) => LeadFields.Contact,
        nameof(LeadDraft.ContactEmail) => LeadFields.Email,
        nameof(LeadDraft.ContactPhone) => LeadFields.Phone,
        nameof(LeadDraft.DecisionMaker) => LeadFields.DecisionMaker,
        nameof(LeadDraft.NextStep) => LeadFields.NextStep,
        nameof(LeadDraft.NextStepDue) => LeadFields.NextDue,
        nameof(ScoreCriterion.CompanySize) => LeadFields.CompanySize,
        nameof(ScoreCriterion.Urgency) => LeadFields.Urgency,
        nameof(ScoreCriterion.DecisionMakerAccess) => LeadFields.DecisionMakerAccess,
        nameof(ScoreCriterion.ProductFit) => LeadFields.ProductFit,
        _ => LeadFields.Title,
    };
}
