using OppBot.Domain.Analytics;
using OppBot.Domain.Conversations.Cards;
using OppBot.Domain.Opportunities;

namespace OppBot.Domain.Conversations;

public sealed partial class OppBotConversation
{
    // report / 报表: the weekly report of the seven days before now and this month's leaderboard, over the deals the
    // user may see, with months in the user's time zone.
    private async Task ReportAsync(Turn turn, CancellationToken ct)
    {
        var scope = await ReportScope.LoadAsync(store, organization, turn.User, ct);
        var week = ReportPeriod.WeekBefore(turn.Now);
        var report = WeeklyReport.Compute(scope.Deals, scope.People, settings, scope.Targets, week, turn.Now, turn.Zone);
        var board = Leaderboard.Compute(scope.Deals, scope.People, scope.Targets, turn.Now, turn.Zone);
        var cards = turn.Cards(scope.People.ToDictionary(p => p.Id, p => p.DisplayName));
        turn.Show(ReportCards.Weekly(report, scope.TeamName, cards));
        turn.Show(ReportCards.Leaderboard(board, cards));
    }

    // The pipeline card with this month's and quarter's weighted forecast, days per stage, loss reasons and lead sources
    // of the same deals as its funnel.
    private Card WithAnalytics(Turn turn, Card pipeline, IReadOnlyCollection<Opportunity> deals) =>
        ReportCards.WithAnalytics(
            pipeline,
            Forecast.Compute(deals, settings, turn.Now, turn.Zone),
            StageDurations.Compute(deals, settings),
            LossBreakdown.Compute(deals, settings),
            SourceQuality.Compute(deals),
            turn.Cards(Empty));
}
