using OppBot.Domain.Analytics;
using OppBot.Domain.Opportunities;

namespace OppBot.Bot.Api;

/// <summary>How many deals and their amount.</summary>
internal sealed record TallyJson(int Count, decimal Amount)
{
    public static TallyJson Of(DealTally t) => new(t.Count, t.Amount);
}

/// <summary>Deals counted in a report, with their numbers.</summary>
internal sealed record DealsJson(int Count, decimal Amount, IReadOnlyList<int> Numbers)
{
    public static DealsJson Of(IReadOnlyList<Opportunity> deals) => new(deals.Count, deals.Sum(o => o.Amount), deals.Select(o => o.Number).ToList());
}

/// <summary>GET /api/v1/reports/funnel.</summary>
internal sealed record FunnelJson(
    IReadOnlyList<FunnelStageJson> Stages,
    TallyJson Won,
    int Lost,
    decimal? WinRate,
    decimal WeightedForecast,
    int Stalled,
    StageDurationsJson Durations,
    LossBreakdownJson LossReasons,
    IReadOnlyList<SourceJson> Sources)
{
    public static FunnelJson Of(Funnel f, StageDurations d, LossBreakdown l, SourceQuality s) => new(
        f.Stages.Select(x => new FunnelStageJson(x.Stage.Code, x.Stage.NameZh, x.Stage.NameEn, x.Count, x.Amount, x.Weighted, x.Reached, x.ConversionToNext)).ToList(),
        new TallyJson(f.Won, f.WonAmount),
        f.Lost,
        f.WinRate,
        f.WeightedForecast,
        f.Stalled,
        new StageDurationsJson(
            d.Stages.Select(x => new StageDurationJson(x.Stage.Code, x.Days.Count, x.Days.AverageDays, x.Days.MedianDays)).ToList(),
            DurationJson.Of(d.WonCycle),
            DurationJson.Of(d.LostCycle)),
        new LossBreakdownJson(TallyJson.Of(l.Lost), l.Reasons.Select(r => new LossReasonJson(r.Reason.Code, r.Reason.NameZh, r.Reason.NameEn, r.Lost.Count, r.Lost.Amount, r.Share)).ToList()),
        s.Sources.Select(x => new SourceJson(x.Source.ToString(), TallyJson.Of(x.Deals), x.Open, TallyJson.Of(x.Won), x.Lost, x.ConversionToWon, x.WinRate)).ToList());
}

/// <summary>One stage of the funnel: open deals now, deals that ever reached it, conversion to the next.</summary>
internal sealed record FunnelStageJson(string Code, string NameZh, string NameEn, int Count, decimal Amount, decimal Weighted, int Reached, decimal? ConversionToNext);

/// <summary>Days per stage (finished stays) and per cycle.</summary>
internal sealed record StageDurationsJson(IReadOnlyList<StageDurationJson> Stages, DurationJson WonCycle, DurationJson LostCycle);

/// <summary>One stage's stays.</summary>
internal sealed record StageDurationJson(string Code, int Count, decimal? AverageDays, decimal? MedianDays);

/// <summary>Average and median days.</summary>
internal sealed record DurationJson(int Count, decimal? AverageDays, decimal? MedianDays)
{
    public static DurationJson Of(DurationStats s) => new(s.Count, s.AverageDays, s.MedianDays);
}

/// <summary>Lost deals by reason.</summary>
internal sealed record LossBreakdownJson(TallyJson Lost, IReadOnlyList<LossReasonJson> Reasons);

/// <summary>One loss reason.</summary>
internal sealed record LossReasonJson(string Code, string NameZh, string NameEn, int Count, decimal Amount, decimal Share);

/// <summary>One lead source's quality.</summary>
internal sealed record SourceJson(string Source, TallyJson Deals, int Open, TallyJson Won, int Lost, decimal ConversionToWon, decimal? WinRate);

/// <summary>GET /api/v1/reports/forecast.</summary>
internal sealed record ForecastJson(ForecastPeriodJson Month, ForecastPeriodJson Quarter)
{
    public static ForecastJson Of(Forecast f) => new(ForecastPeriodJson.Of(f.Month), ForecastPeriodJson.Of(f.Quarter));
}

/// <summary>A period's forecast: open deals expected to close in it (weighted) plus what was won in it, against the target.</summary>
internal sealed record ForecastPeriodJson(DateTimeOffset From, DateTimeOffset To, TallyJson Open, decimal Weighted, TallyJson Won, decimal Projected, decimal? Target, decimal? Attainment)
{
    public static ForecastPeriodJson Of(ForecastPeriod p) =>
        new(p.Period.From, p.Period.To, TallyJson.Of(p.Open), p.Weighted, TallyJson.Of(p.Won), p.Projected, p.Target, p.Attainment);
}

/// <summary>GET /api/v1/reports/leaderboard.</summary>
internal sealed record LeaderboardJson(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<LeaderboardLineJson> Reps, LeaderboardLineJson Team)
{
    public static LeaderboardJson Of(Leaderboard b) =>
        new(b.Period.From, b.Period.To, b.Reps.Select(LeaderboardLineJson.Of).ToList(), LeaderboardLineJson.Of(b.Team));
}

/// <summary>One rep's line (or the team's, without repId).</summary>
internal sealed record LeaderboardLineJson(Guid? RepId, string? Name, TallyJson Won, int Lost, decimal? WinRate, int FollowUps, int OverdueNextSteps, decimal? Target, decimal? Attainment)
{
    public static LeaderboardLineJson Of(LeaderboardLine l) =>
        new(l.RepId, l.Name, TallyJson.Of(l.Won), l.Lost, l.WinRate, l.FollowUps, l.OverdueNextSteps, l.Target, l.Attainment);
}

/// <summary>GET /api/v1/reports/weekly.</summary>
internal sealed record WeeklyJson(
    DateTimeOffset From,
    DateTimeOffset To,
    DealsJson New,
    DealsJson Advanced,
    DealsJson Won,
    DealsJson Lost,
    ForecastPeriodJson Month,
    int Stalled,
    IReadOnlyList<StalledJson> TopStalled,
    IReadOnlyList<WeeklyRepJson> Reps)
{
    public static WeeklyJson Of(WeeklyReport r, Domain.DomainSettings settings, DateTimeOffset now) => new(
        r.Week.From,
        r.Week.To,
        DealsJson.Of(r.New),
        DealsJson.Of(r.Advanced),
        DealsJson.Of(r.Won),
        DealsJson.Of(r.Lost),
        ForecastPeriodJson.Of(r.Month),
        r.Stalled,
        r.TopStalled.Select(o => new StalledJson(o.Number, o.Account, o.Title, o.StageCode, o.Amount, o.DaysInStage(now), o.Stage(settings).SlaDays, o.OwnerId)).ToList(),
        r.Reps.Select(l => new WeeklyRepJson(l.RepId, l.Name, TallyJson.Of(l.New), TallyJson.Of(l.Advanced), TallyJson.Of(l.Won), TallyJson.Of(l.Lost), l.FollowUps, TallyJson.Of(l.Open), l.Weighted, l.OverdueNextSteps)).ToList());
}

/// <summary>A stalled deal in the weekly report.</summary>
internal sealed record StalledJson(int Number, string Account, string Title, string Stage, decimal Amount, int DaysInStage, int SlaDays, Guid? OwnerId);

/// <summary>One rep's week.</summary>
internal sealed record WeeklyRepJson(Guid RepId, string? Name, TallyJson New, TallyJson Advanced, TallyJson Won, TallyJson Lost, int FollowUps, TallyJson Open, decimal Weighted, int OverdueNextSteps);
