using System.Globalization;
using OppBot.Domain.Analytics;
using OppBot.Domain.People;

namespace OppBot.Domain.Conversations.Cards;

/// <summary>The weekly report, the leaderboard, and the analytics the pipeline card shows under the funnel.</summary>
public static class ReportCards
{
    /// <summary>
    /// The weekly report: new, advanced, won and lost in the week, this month's forecast against the target as bars
    /// drawn in the card, the biggest stalled deals and one line per rep.
    /// </summary>
    /// <param name="report">The figures.</param>
    /// <param name="teamName">The team the report covers, or null for every team.</param>
    /// <param name="c">The reader.</param>
    public static Card Weekly(WeeklyReport report, string? teamName, CardContext c)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(c);
        var month = report.Month;
        var stalled = report.TopStalled.Select(o =>
        {
            var stage = o.Stage(c.Settings);
            return c.T("report.line.stalled", Messages.DealLabel(o), stage.Name(c.Locale), o.DaysInStage(c.Now), stage.SlaDays, Money(c, o.Amount));
        }).ToList();
        var reps = report.Reps.Select(r => c.T(
            "report.line.rep",
            r.Name ?? c.T("report.unknownPerson"),
            r.New.Count,
            r.Advanced.Count,
            r.Won.Count,
            Money(c, r.Won.Amount),
            r.Lost.Count,
            r.FollowUps,
            r.Open.Count,
            Money(c, r.Weighted),
            r.OverdueNextSteps)).ToList();
        return new Card
        {
            Title = c.T("report.title", Messages.Day(c.Locale, report.Week.From, c.Zone), Messages.Day(c.Locale, report.Week.To, c.Zone)),
            Subtitle = teamName is null ? c.T("report.scope.all") : c.T("report.scope.team", teamName),
            Facts =
            [
                new(c.T("report.fact.new"), Tally(c, DealTally.Of(report.New))),
                new(c.T("report.fact.advanced"), Tally(c, DealTally.Of(report.Advanced))),
                new(c.T("report.fact.won"), Tally(c, DealTally.Of(report.Won))),
                new(c.T("report.fact.lost"), Tally(c, DealTally.Of(report.Lost))),
                new(c.T("report.fact.forecast"), month.Target is { } target
                    ? c.T("report.forecast", Money(c, month.Projected), Money(c, target), Messages.Percent(month.Attainment ?? 0m))
                    : c.T("report.forecast.noTarget", Money(c, month.Projected))),
                new(c.T("report.fact.stalled"), report.Stalled.ToString(CultureInfo.InvariantCulture)),
            ],
            Bars = Bars(
            [
                (c.T("report.bar.won"), month.Won.Amount),
                (c.T("report.bar.projected"), month.Projected),
                .. month.Target is { } t ? new[] { (c.T("report.bar.target"), t) } : [],
            ], c),
            Sections =
            [
                new CardSection(c.T("report.section.stalled", WeeklyReport.TopCount), stalled.Count == 0 ? [c.T("report.none")] : stalled),
                new CardSection(c.T("report.section.reps"), reps.Count == 0 ? [c.T("report.none")] : reps),
            ],
            Actions = [new CardAction(c.T("action.pipeline"), Verbs.Pipeline)],
        };
    }

    /// <summary>The month's leaderboard: each rep's won amount against their target as bars, then the team's total.</summary>
    public static Card Leaderboard(Leaderboard board, CardContext c)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(c);
        var lines = board.Reps.Append(board.Team).ToList();
        string Name(LeaderboardLine l) => l.RepId is null ? c.T("leaderboard.team") : l.Name ?? c.T("report.unknownPerson");

        // Reps share one scale (the largest won amount or target among them); the team's bar is its progress to its own target.
        var repScale = Math.Max(1m, board.Reps.Select(l => Math.Max(l.Won.Amount, l.Target ?? 0m)).DefaultIfEmpty(0m).Max());
        var teamScale = Math.Max(1m, Math.Max(board.Team.Won.Amount, board.Team.Target ?? 0m));
        var bars = board.Reps.Select(l => new CardBar(Name(l), (double)(l.Won.Amount / repScale), BarText(l, c)))
            .Append(new CardBar(Name(board.Team), (double)(board.Team.Won.Amount / teamScale), BarText(board.Team, c)))
            .ToList();
        return new Card
        {
            Title = c.T("leaderboard.title", MonthName(board.Period.From, c)),
            Text = board.Reps.Count == 0 ? c.T("leaderboard.empty") : null,
            Bars = bars,
            Sections =
            [
                new CardSection(c.T("leaderboard.section"), lines.Select(l => c.T(
                    "leaderboard.line",
                    Name(l),
                    l.WinRate is { } rate ? Messages.Percent(rate) : c.T("analytics.noData"),
                    l.FollowUps,
                    l.OverdueNextSteps)).ToList()),
            ],
        };
    }

    /// <summary>
    /// The pipeline card with the analytics added: the weighted forecast of this month and quarter as facts, and the
    /// days per stage, the loss reasons and the lead sources as sections.
    /// </summary>
    public static Card WithAnalytics(Card pipeline, Forecast forecast, StageDurations durations, LossBreakdown losses, SourceQuality sources, CardContext c)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(durations);
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(c);
        string Days(decimal? days) => days is { } d ? d.ToString("0.#", CultureInfo.InvariantCulture) : c.T("analytics.noData");
        string Duration(string name, DurationStats s) => c.T("analytics.line.duration", name, Days(s.AverageDays), Days(s.MedianDays), s.Count);
        var durationLines = durations.Stages.Select(s => Duration(s.Stage.Name(c.Locale), s.Days))
            .Append(Duration(c.T("analytics.cycle.won"), durations.WonCycle))
            .Append(Duration(c.T("analytics.cycle.lost"), durations.LostCycle))
            .ToList();
        var lossLines = losses.Reasons.Select(l => c.T("analytics.line.loss", l.Reason.Name(c.Locale), l.Lost.Count, Messages.Percent(l.Share), Money(c, l.Lost.Amount))).ToList();
        var sourceLines = sources.Sources.Select(s => c.T(
            "analytics.line.source",
            LeadSourceNames.Name(s.Source, c.Locale),
            s.Deals.Count,
            s.Won.Count,
            Messages.Percent(s.ConversionToWon),
            Money(c, s.Won.Amount))).ToList();
        return pipeline with
        {
            Facts =
            [
                .. pipeline.Facts,
                new(c.T("analytics.forecast.month"), c.T("analytics.forecast.value", Money(c, forecast.Month.Weighted), forecast.Month.Open.Count)),
                new(c.T("analytics.forecast.quarter"), c.T("analytics.forecast.value", Money(c, forecast.Quarter.Weighted), forecast.Quarter.Open.Count)),
            ],
            Sections =
            [
                .. pipeline.Sections,
                new CardSection(c.T("analytics.section.durations"), durationLines),
                .. lossLines.Count == 0 ? Array.Empty<CardSection>() : [new CardSection(c.T("analytics.section.loss"), lossLines)],
                .. sourceLines.Count == 0 ? Array.Empty<CardSection>() : [new CardSection(c.T("analytics.section.sources"), sourceLines)],
            ],
        };
    }

    /// <summary>"2026年11月" / "November 2026" for the month that starts at <paramref name="from"/>.</summary>
    public static string MonthName(DateTimeOffset from, CardContext c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var local = TimeZoneInfo.ConvertTime(from, c.Zone);
        return Locales.IsEnglish(c.Locale)
            ? local.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-US"))
            : local.ToString("yyyy年M月", CultureInfo.GetCultureInfo("zh-CN"));
    }

    private static string BarText(LeaderboardLine l, CardContext c) => l.Target is { } target
        ? c.T("leaderboard.bar", Money(c, l.Won.Amount), Money(c, target), Messages.Percent(l.Attainment ?? 0m))
        : c.T("leaderboard.bar.noTarget", Money(c, l.Won.Amount));

    private static List<CardBar> Bars(IReadOnlyList<(string Label, decimal Amount)> values, CardContext c)
    {
        var max = Math.Max(1m, values.Max(v => v.Amount));
        return values.Select(v => new CardBar(v.Label, (double)(v.Amount / max), Money(c, v.Amount))).ToList();
    }

    private static string Tally(CardContext c, DealTally tally) => c.T("report.countAmount", tally.Count, Money(c, tally.Amount));

    private static string Money(CardContext c, decimal amount) => Messages.Money(c.Locale, amount, c.Settings.DefaultCurrency);
}
