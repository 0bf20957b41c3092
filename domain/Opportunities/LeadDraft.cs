using OppBot.Domain.Scoring;
using OppBot.Domain.Text;

namespace OppBot.Domain.Opportunities;

/// <summary>What a rep entered for a new lead, before it becomes an <see cref="Opportunity"/>.</summary>
public sealed record LeadDraft
{
    /// <summary>Longest title.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Longest company name.</summary>
    public const int MaxAccountLength = 200;

    /// <summary>Longest contact, decision maker, email or phone.</summary>
    public const int MaxShortTextLength = 100;

    /// <summary>Longest next step or note.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>The customer company.</summary>
    public string Account { get; init; } = string.Empty;

    /// <summary>What the deal is about.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>Estimated amount.</summary>
    public decimal Amount { get; init; }

    /// <summary>ISO currency; the default currency when null.</summary>
    public string? Currency { get; init; }

    /// <summary>Where the lead came from.</summary>
    public LeadSource Source { get; init; } = LeadSource.Other;

    /// <summary>The contact person.</summary>
    public string? ContactName { get; init; }

    /// <summary>The contact's email.</summary>
    public string? ContactEmail { get; init; }

    /// <summary>The contact's phone.</summary>
    public string? ContactPhone { get; init; }

    /// <summary>The decision maker.</summary>
    public string? DecisionMaker { get; init; }

    /// <summary>The next step.</summary>
    public string? NextStep { get; init; }

    /// <summary>When the next step is due.</summary>
    public DateTimeOffset? NextStepDue { get; init; }

    /// <summary>The four scores and BANT.</summary>
    public Scorecard Scorecard { get; init; } = Scorecard.Empty;

    /// <summary>Every problem, by field, changing nothing.</summary>
    public IReadOnlyList<FieldProblem> Validate(DomainSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<FieldProblem>();
        Text(problems, nameof(Account), Account, MaxAccountLength, RefusalCode.AccountRequired);
        Text(problems, nameof(Title), Title, MaxTitleLength, RefusalCode.TitleRequired);
        Text(problems, nameof(ContactName), ContactName, MaxShortTextLength, null);
        Text(problems, nameof(ContactEmail), ContactEmail, MaxShortTextLength, null);
        Text(problems, nameof(ContactPhone), ContactPhone, MaxShortTextLength, null);
        Text(problems, nameof(DecisionMaker), DecisionMaker, MaxShortTextLength, null);
        Text(problems, nameof(NextStep), NextStep, MaxNoteLength, null);
        if (AmountProblem(Amount, settings) is { } amountProblem)
        {
            problems.Add(new(nameof(Amount), amountProblem));
        }

        if (Currency is not null && (Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper)))
        {
            problems.Add(new(nameof(Currency), new Refusal(RefusalCode.CurrencyInvalid, Currency)));
        }

        if (NextStepDue is { } due && due < now.AddMinutes(-1))
        {
            problems.Add(new(nameof(NextStepDue), new Refusal(RefusalCode.DueInPast)));
        }

        foreach (var criterion in Scorecard.OutOfRange())
        {
            problems.Add(new(criterion.ToString(), new Refusal(RefusalCode.ScoreOutOfRange, criterion.ToString())));
        }

        return problems;
    }

    /// <summary>The problem with an amount, if any.</summary>
    public static Refusal? AmountProblem(decimal amount, DomainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (amount < 0)
        {
            return new Refusal(RefusalCode.AmountNegative);
        }

        return amount > settings.MaxAmount
            ? new Refusal(RefusalCode.AmountTooLarge, AmountFormatter.Format(settings.MaxAmount, settings.DefaultCurrency, People.Locales.English))
            : null;
    }

    private static void Text(List<FieldProblem> problems, string field, string? value, int max, string? requiredCode)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (requiredCode is not null)
            {
                problems.Add(new(field, new Refusal(requiredCode)));
            }
        }
        else if (value.Trim().Length > max)
        {
            problems.Add(new(field, new Refusal(RefusalCode.TooLong, field, max.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
    }
}

/// <summary>A problem with one field of a form.</summary>
/// <param name="Field">The field's name (a property of <see cref="LeadDraft"/>).</param>
/// <param name="Problem">What is wrong.</param>
public sealed record FieldProblem(string Field, Refusal Problem);
