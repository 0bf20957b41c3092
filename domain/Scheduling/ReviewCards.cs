using OppBot.Domain.Conversations;
using OppBot.Domain.Opportunities;

namespace OppBot.Domain.Scheduling;

/// <summary>The cards of the weekly review, in the reader's language and time zone.</summary>
public static class ReviewCards
{
    /// <summary>How many next steps per rep the summary lists.</summary>
    public const int NextStepsPerRep = 3;

    /// <summary>
    /// The team's summary: new, won and lost deals with amounts (and loss reasons), the open pipeline, the deals at
    /// risk, the top deals by weighted amount and each rep's next steps. Posted to the team's broadcast channel.
    /// </summary>
    public static Card Summary(TeamReview review, string locale, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(zone);
        var s = review.Settings;
        string T(string key, params object?[] args) => Strings.Get(locale, key, args);
        var sections = new List<CardSection>();
        if (review.Won.Count > 0)
        {
            sections.Add(new(T("weekly.section.won"), review.Won.Select(o => T("weekly.line.won", Messages.DealLabel(o), Money(locale, o), Name(review, o.OwnerId, locale))).ToList()));
        }

        if (review.Lost.Count > 0)
        {
            sections.Add(new(T("weekly.section.lost"), review.Lost.Select(o => T("weekly.line.lost", Messages.DealLabel(o), Money(locale, o), LossReason(o, s, locale))).ToList()));
        }

        sections.Add(new(
            T("weekly.section.atRisk", review.AtRisk.Count),
            review.AtRisk.Count == 0 ? [T("weekly.none")] : review.AtRisk.Select(o => T("weekly.line.atRisk", Messages.DealLabel(o), Risk(o, review, locale))).ToList()));
        sections.Add(new(
            T("weekly.section.top", TeamReview.TopCount),
            review.Top.Count == 0 ? [T("weekly.none")] : review.Top.Select((o, i) => T("weekly.line.top", i + 1, Messages.DealLabel(o), Messages.Money(locale, o.WeightedAmount(s), o.Currency), o.Stage(s).Name(locale))).ToList()));
        var nextSteps = review.Reps.Where(r => r.Open.Count > 0).Select(r =>
        {
            var steps = r.Open.Where(o => o.NextStep is not null)
                .OrderBy(o => o.NextStepDue ?? DateTimeOffset.MaxValue).ThenBy(o => o.Number)
                .Take(NextStepsPerRep)
                .Select(o => $"#{o.Number} {NudgeCards.NextStep(o, locale, zone)}")
                .ToList();
            return T("weekly.line.nextSteps", Name(review, r.RepId, locale), steps.Count == 0 ? T("weekly.noNextSteps") : string.Join(T("weekly.separator"), steps));
        }).ToList();
        sections.Add(new(T("weekly.section.nextSteps"), nextSteps.Count == 0 ? [T("weekly.none")] : nextSteps));

        return new Card
        {
            Title = T("weekly.title", review.Team.Name, Messages.Day(locale, review.From, zone), Messages.Day(locale, review.To, zone)),
            Facts =
            [
                new(T("weekly.fact.new"), T("weekly.countAmount", review.NewDeals.Count, Total(locale, review.NewDeals, o => o.Amount, s))),
                new(T("weekly.fact.won"), T("weekly.countAmount", review.Won.Count, Total(locale, review.Won, o => o.Amount, s))),
                new(T("weekly.fact.lost"), T("weekly.countAmount", review.Lost.Count, Total(locale, review.Lost, o => o.Amount, s))),
                new(T("weekly.fact.open"), T("weekly.openValue", review.Open.Count, Total(locale, review.Open, o => o.Amount, s), Total(locale, review.Open, o => o.WeightedAmount(s), s))),
            ],
            Sections = sections,
            Actions = [new CardAction(T("weekly.action.pipeline"), Verbs.Pipeline)],
        };
    }

    /// <summary>
    /// A rep's own open deals, one card each (up to <see cref="SchedulingSettings.MaxDealsPerMessage"/>), with
    /// one-tap buttons: advance, next step, snooze a week, lost.
    /// </summary>
    public static Reply ForRep(TeamReview review, RepReview rep, string locale, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(rep);
        var s = review.Settings;
        string T(string key, params object?[] args) => Strings.Get(locale, key, args);
        var text = T("weekly.rep.intro", rep.Open.Count, Total(locale, rep.Open, o => o.WeightedAmount(s), s));
        if (rep.Open.Count > SchedulingSettings.MaxDealsPerMessage)
        {
            text += "\n" + T("nudge.more", rep.Open.Count - SchedulingSettings.MaxDealsPerMessage);
        }

        var cards = rep.Open.Take(SchedulingSettings.MaxDealsPerMessage).Select(o => new Card
        {
            Title = Messages.DealLabel(o),
            Subtitle = T("weekly.stage", o.Stage(s).Name(locale), o.DaysInStage(review.To)),
            Text = review.AtRisk.Contains(o) ? Risk(o, review, locale) : null,
            Facts =
            [
                new(T("nudge.fact.amount"), Money(locale, o)),
                new(T("nudge.fact.nextStep"), NudgeCards.NextStep(o, locale, zone)),
            ],
            Actions =
            [
                new CardAction(T("weekly.action.advance"), Verbs.Advance) { Data = NudgeCards.Number(o), Style = ActionStyle.Positive },
                new CardAction(T("weekly.action.next"), Verbs.Next) { Data = NudgeCards.Number(o) },
                new CardAction(T("nudge.action.snoozeWeek"), Verbs.Snooze) { Data = NudgeCards.Number(o, 7) },
                new CardAction(T("weekly.action.lost"), Verbs.Lost) { Data = NudgeCards.Number(o), Style = ActionStyle.Destructive },
            ],
        }).ToList();
        return new Reply { Text = text, Cards = cards, Locale = locale };
    }

    /// <summary>The manager's rollup: the summary, then one line and one bar per rep.</summary>
    public static Reply Rollup(TeamReview review, string locale, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(review);
        var s = review.Settings;
        string T(string key, params object?[] args) => Strings.Get(locale, key, args);
        var largest = review.Reps.Select(r => r.Weighted).DefaultIfEmpty(0m).Max();
        var perRep = new Card
        {
            Title = T("weekly.rollup.title", review.Team.Name),
            Bars = review.Reps.Select(r => new CardBar(
                Name(review, r.RepId, locale),
                largest <= 0 ? 0 : (double)(r.Weighted / largest),
                Total(locale, r.Open, o => o.WeightedAmount(s), s))).ToList(),
            Sections = review.Reps.Select(r => new CardSection(
                Name(review, r.RepId, locale),
                [T("weekly.rollup.line", r.Open.Count, Total(locale, r.Open, o => o.WeightedAmount(s), s), r.Won.Count, Total(locale, r.Won, o => o.Amount, s), r.AtRisk)])).ToList(),
        };
        return new Reply { Text = T("weekly.rollup.intro", review.Team.Name), Cards = [Summary(review, locale, zone), perRep], Locale = locale };
    }

    /// <summary>
    /// A total per currency ("¥1,200,000 + US$30,000"), or zero in the default currency when there is nothing to add.
    /// </summary>
    public static string Total(string locale, IEnumerable<Opportunity> deals, Func<Opportunity, decimal> amount, DomainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(amount);
        ArgumentNullException.ThrowIfNull(settings);
        var parts = deals.GroupBy(o => o.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key == settings.DefaultCurrency ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Messages.Money(locale, g.Sum(amount), g.Key))
            .ToList();
        return parts.Count == 0 ? Messages.Money(locale, 0m, settings.DefaultCurrency) : string.Join(" + ", parts);
    }

    private static string Money(string locale, Opportunity o) => Messages.Money(locale, o.Amount, o.Currency);

    private static string Name(TeamReview review, Guid? id, string locale) =>
        id is { } value && review.Names.TryGetValue(value, out var name) ? name : Strings.Get(locale, "weekly.nobody");

    private static string LossReason(Opportunity o, DomainSettings settings, string locale)
    {
        var reason = settings.LossReasons.FirstOrDefault(r => r.Code == o.LossReason)?.Name(locale) ?? o.LossReason ?? "—";
        return o.LossNote is null ? reason : $"{reason}: {o.LossNote}";
    }

    // Why an open deal is at risk: every reason that applies.
    private static string Risk(Opportunity o, TeamReview review, string locale)
    {
        var s = review.Settings;
        var reasons = new List<string>();
        if (o.DaysInStage(review.To) > o.Stage(s).SlaDays)
        {
            reasons.Add(Strings.Get(locale, "weekly.risk.stage", o.DaysInStage(review.To), o.Stage(s).SlaDays));
        }

        if ((review.To - o.LastFollowUpAt).TotalDays > s.StallAfterDaysWithoutFollowUp)
        {
            reasons.Add(Strings.Get(locale, "weekly.risk.noFollowUp", (int)Math.Floor((review.To - o.LastFollowUpAt).TotalDays)));
        }

        if (o.IsOverdue(review.To))
        {
            reasons.Add(Strings.Get(locale, "weekly.risk.overdue"));
        }

        if (o.FlaggedForReview)
        {
            reasons.Add(Strings.Get(locale, "weekly.risk.flagged"));
        }

        return string.Join(Strings.Get(locale, "weekly.separator"), reasons);
    }
}
