using System.Globalization;
using OppBot.Domain.Conversations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain.Scheduling;

/// <summary>The messages of the follow-up sweep, in the reader's language and time zone.</summary>
public static class NudgeCards
{
    /// <summary>
    /// One message for a rep: a line saying how many deals need them, then a card per deal (up to
    /// <see cref="SchedulingSettings.MaxDealsPerMessage"/>) saying what is due, with buttons to log the follow-up,
    /// snooze (1 day, 3 days, a week), pause or open the deal; then the deals released to the pool, if any.
    /// </summary>
    public static Reply ForOwner(
        SalesRep owner,
        IReadOnlyList<(Opportunity Deal, NudgeDecision Decision)> due,
        IReadOnlyList<Opportunity> released,
        DomainSettings settings,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(released);
        ArgumentNullException.ThrowIfNull(settings);
        var locale = owner.Locale;
        var zone = owner.TimeZone;
        var cards = due.OrderBy(d => d.Deal.Number).Take(SchedulingSettings.MaxDealsPerMessage)
            .Select(d => DueCard(d.Deal, d.Decision.Reasons, locale, zone, settings, now))
            .ToList();
        var lines = new List<string>();
        if (due.Count > 0)
        {
            lines.Add(Strings.Get(locale, "nudge.intro", due.Count));
        }

        if (due.Count > SchedulingSettings.MaxDealsPerMessage)
        {
            lines.Add(Strings.Get(locale, "nudge.more", due.Count - SchedulingSettings.MaxDealsPerMessage));
        }

        if (released.Count > 0)
        {
            cards.Add(new Card
            {
                Title = Strings.Get(locale, "nudge.released.title", released.Count),
                Text = Strings.Get(locale, "nudge.released.text", settings.PoolAfterInactiveDays),
                Sections =
                [
                    new CardSection(null, released.OrderBy(o => o.Number).Select(o => Messages.DealLabel(o)).ToList()),
                ],
            });
        }

        return new Reply { Text = lines.Count == 0 ? null : string.Join("\n", lines), Cards = cards, Locale = locale };
    }

    /// <summary>
    /// One message for a manager: the deals of their teams that have been in their stage longer than twice the SLA,
    /// with the owner, the days in stage against the SLA and the next step, and a button to open each.
    /// </summary>
    public static Reply ForManager(
        SalesRep manager,
        IReadOnlyList<Opportunity> deals,
        IReadOnlyDictionary<Guid, string> names,
        DomainSettings settings,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(settings);
        var locale = manager.Locale;
        var zone = manager.TimeZone;
        var cards = deals.OrderBy(o => o.Number).Take(SchedulingSettings.MaxDealsPerMessage).Select(o =>
        {
            var stage = o.Stage(settings);
            return new Card
            {
                Title = Messages.DealLabel(o),
                Text = Strings.Get(locale, "escalation.reason", stage.Name(locale), o.DaysInStage(now), stage.SlaDays),
                Facts =
                [
                    new CardFact(Strings.Get(locale, "nudge.fact.owner"), o.OwnerId is { } id && names.TryGetValue(id, out var name) ? name : "—"),
                    new CardFact(Strings.Get(locale, "nudge.fact.amount"), Messages.Money(locale, o.Amount, o.Currency)),
                    new CardFact(Strings.Get(locale, "nudge.fact.nextStep"), NextStep(o, locale, zone)),
                ],
                Actions = [new CardAction(Strings.Get(locale, "nudge.action.open"), Verbs.Show) { Data = Number(o) }],
            };
        }).ToList();
        var text = Strings.Get(locale, "escalation.intro", deals.Count);
        if (deals.Count > SchedulingSettings.MaxDealsPerMessage)
        {
            text += "\n" + Strings.Get(locale, "nudge.more", deals.Count - SchedulingSettings.MaxDealsPerMessage);
        }

        return new Reply { Text = text, Cards = cards, Locale = locale };
    }

    /// <summary>The sentence for one reason a deal is due.</summary>
    public static string Reason(NudgeReason reason, Opportunity deal, string locale, TimeZoneInfo zone, DomainSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(settings);
        return reason switch
        {
            NudgeReason.Overdue => Strings.Get(locale, "nudge.reason.overdue", deal.NextStep, deal.NextStepDue is { } due ? Messages.When(locale, due, zone) : "—"),
            NudgeReason.StalledInStage => Strings.Get(locale, "nudge.reason.stage", deal.Stage(settings).Name(locale), deal.DaysInStage(now), deal.Stage(settings).SlaDays),
            NudgeReason.NoRecentFollowUp => Strings.Get(locale, "nudge.reason.noFollowUp", (int)Math.Floor((now - deal.LastFollowUpAt).TotalDays)),
            _ => throw new ArgumentOutOfRangeException(nameof(reason)),
        };
    }

    private static Card DueCard(Opportunity o, IReadOnlyList<NudgeReason> reasons, string locale, TimeZoneInfo zone, DomainSettings settings, DateTimeOffset now) => new()
    {
        Title = Messages.DealLabel(o),
        Subtitle = o.Stage(settings).Name(locale),
        Text = string.Join("\n", reasons.Select(r => Reason(r, o, locale, zone, settings, now))),
        Facts =
        [
            new CardFact(Strings.Get(locale, "nudge.fact.amount"), Messages.Money(locale, o.Amount, o.Currency)),
            new CardFact(Strings.Get(locale, "nudge.fact.nextStep"), NextStep(o, locale, zone)),
        ],
        Actions =
        [
            new CardAction(Strings.Get(locale, "nudge.action.done"), Verbs.Log) { Data = Number(o), Style = ActionStyle.Positive },
            new CardAction(Strings.Get(locale, "nudge.action.snooze1"), Verbs.Snooze) { Data = Number(o, 1) },
            new CardAction(Strings.Get(locale, "nudge.action.snooze3"), Verbs.Snooze) { Data = Number(o, 3) },
            new CardAction(Strings.Get(locale, "nudge.action.snoozeWeek"), Verbs.Snooze) { Data = Number(o, 7) },
            new CardAction(Strings.Get(locale, "nudge.action.pause"), Verbs.Pause) { Data = Number(o) },
            new CardAction(Strings.Get(locale, "nudge.action.open"), Verbs.Show) { Data = Number(o) },
        ],
    };

    internal static string NextStep(Opportunity o, string locale, TimeZoneInfo zone) =>
        o.NextStep is null ? Strings.Get(locale, "nudge.noNextStep")
        : o.NextStepDue is { } due ? $"{o.NextStep} ({Messages.When(locale, due, zone)})"
        : o.NextStep;

    internal static IReadOnlyDictionary<string, string> Number(Opportunity o, int? days = null)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["n"] = o.Number.ToString(CultureInfo.InvariantCulture) };
        if (days is { } d)
        {
            data["days"] = d.ToString(CultureInfo.InvariantCulture);
        }

        return data;
    }
}
