using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using OppBot.Domain;
using OppBot.Domain.Analytics;

namespace OppBot.Bot.Api;

/// <summary>
/// <c>/api/v1/reports/…</c>: the figures of chat's <c>pipeline</c> and <c>report</c>, computed by the same domain
/// functions over the deals the key may see (<see cref="ReportScope"/>), with months in the key's team's time zone.
/// </summary>
internal static class ReportsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports").WithTags("Reports");
        group.MapGet("/funnel", FunnelAsync).WithName("FunnelReport").Produces<FunnelJson>();
        group.MapGet("/forecast", ForecastAsync).WithName("ForecastReport").Produces<ForecastJson>();
        group.MapGet("/leaderboard", LeaderboardAsync).WithName("LeaderboardReport").Produces<LeaderboardJson>();
        group.MapGet("/weekly", WeeklyAsync).WithName("WeeklyReport").Produces<WeeklyJson>().ProducesProblem(StatusCodes.Status400BadRequest);
    }

    /// <summary>Count and amount per stage, conversion, win rate, weighted forecast, stalled, days per stage, loss reasons and lead sources.</summary>
    public static async Task<IResult> FunnelAsync(HttpContext http, IOppBotStore store, OrganizationSettings organization, DomainSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = await ReportScope.LoadAsync(store, organization, ApiKeyAuthenticator.Caller(http), cancellationToken);
        var deals = scope.Deals;
        return TypedResults.Ok(FunnelJson.Of(
            Funnel.Compute(deals.ToList(), settings, clock.GetUtcNow()),
            StageDurations.Compute(deals, settings),
            LossBreakdown.Compute(deals, settings),
            SourceQuality.Compute(deals)));
    }

    /// <summary>The weighted forecast of this month and this quarter against the team's target.</summary>
    public static async Task<IResult> ForecastAsync(HttpContext http, IOppBotStore store, OrganizationSettings organization, DomainSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = await ReportScope.LoadAsync(store, organization, ApiKeyAuthenticator.Caller(http), cancellationToken);
        return TypedResults.Ok(ForecastJson.Of(Forecast.Compute(scope.Deals, settings, clock.GetUtcNow(), scope.Zone, scope.Targets.Team)));
    }

    /// <summary>This month's per-rep leaderboard against the individual and team targets.</summary>
    public static async Task<IResult> LeaderboardAsync(HttpContext http, IOppBotStore store, OrganizationSettings organization, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = await ReportScope.LoadAsync(store, organization, ApiKeyAuthenticator.Caller(http), cancellationToken);
        return TypedResults.Ok(LeaderboardJson.Of(Leaderboard.Compute(scope.Deals, scope.People, scope.Targets, clock.GetUtcNow(), scope.Zone)));
    }

    /// <summary>The weekly report of the seven days before now, or of the seven days from <c>from</c>.</summary>
    public static async Task<IResult> WeeklyAsync(
        HttpContext http,
        IOppBotStore store,
        OrganizationSettings organization,
        DomainSettings settings,
        TimeProvider clock,
        [FromQuery, System.ComponentModel.Description("ISO 8601 start of the week; the seven days before now when absent.")] string? from,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var week = ReportPeriod.WeekBefore(now);
        if (from is not null)
        {
            if (!DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
            {
                return ApiProblems.BadRequest("from must be an ISO 8601 date or time, e.g. 2026-11-16T00:00:00+08:00.");
            }

            week = new ReportPeriod(start, start.AddDays(7));
        }

        var scope = await ReportScope.LoadAsync(store, organization, ApiKeyAuthenticator.Caller(http), cancellationToken);
        var report = WeeklyReport.Compute(scope.Deals, scope.People, settings, scope.Targets, week, now, scope.Zone);
        return TypedResults.Ok(WeeklyJson.Of(report, settings, now));
    }
}
