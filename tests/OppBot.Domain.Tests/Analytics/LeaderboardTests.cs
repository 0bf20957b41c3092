using OppBot.Domain.Analytics;
using static OppBot.Domain.Tests.Analytics.AnalyticsData;

namespace OppBot.Domain.Tests.Analytics;

public class LeaderboardTests
{
    private readonly AnalyticsData _data = new();

    [Fact]
    public void Compute_November_RanksRepsByWonAmountAgainstTheirTargets()
    {
        var board = Leaderboard.Compute(_data.Deals, _data.People, _data.Targets, Now, Shanghai);

        Assert.Collection(
            board.Reps,
            // #1 and #2 won in November, nothing lost (#7 was August); follow-ups 12, 19 and 21 Nov (5 Oct is October);
            // #8's next step is overdue; 500,000 of 600,000
            li => Assert.Equal(new LeaderboardLine(_data.Li.Id, "Li Lei", new DealTally(2, 500_000m), 0, 1m, 3, 1, 600_000m), li),
            // #3 lost 23 Nov; follow-ups 3 and 24 Nov; #6's next step is in January
            han => Assert.Equal(new LeaderboardLine(_data.Han.Id, "Han Mei", DealTally.None, 1, 0m, 2, 0, 400_000m), han));
        Assert.Equal(0.8333m, board.Reps[0].Attainment);
        Assert.Equal(0m, board.Reps[1].Attainment);
    }

    [Fact]
    public void Compute_November_TeamTotalAgainstTheTeamTarget()
    {
        var board = Leaderboard.Compute(_data.Deals, _data.People, _data.Targets, Now, Shanghai);

        // 2 won of 3 closed in November; 5 follow-ups; the manager, who owns nothing, has no line
        Assert.Equal(new LeaderboardLine(null, null, new DealTally(2, 500_000m), 1, 0.6667m, 5, 1, 1_000_000m), board.Team);
        Assert.Equal(0.5m, board.Team.Attainment);
        Assert.DoesNotContain(board.Reps, l => l.RepId == _data.Wang.Id);
    }

    [Fact]
    public void Compute_ApiKeyPersonWithoutDeals_HasNoLine()
    {
        var admin = TestData.Rep("Admin", role: OppBot.Domain.People.Role.Admin);
        var erp = Assert.IsType<OppBot.Domain.Integrations.ApiKeyIssue.Issued>(OppBot.Domain.Integrations.ApiKey.Issue("erp", OppBot.Domain.People.Role.Rep, "east", admin, Now)).ActsAs;

        var board = Leaderboard.Compute(_data.Deals, [.. _data.People, erp], _data.Targets, Now, Shanghai);
        var report = WeeklyReport.Compute(_data.Deals, [.. _data.People, erp], _data.Settings, _data.Targets, Week, Now, Shanghai);

        Assert.DoesNotContain(board.Reps, l => l.RepId == erp.Id); // a Rep, but an integration that owns nothing
        Assert.DoesNotContain(report.Reps, l => l.RepId == erp.Id);
    }

    [Fact]
    public void Compute_OwnerNotAmongPeople_StillHasALineWithoutAName()
    {
        var board = Leaderboard.Compute(_data.Deals, [_data.Han], SalesTargets.None, Now, Shanghai);

        var li = Assert.Single(board.Reps, l => l.RepId == _data.Li.Id);
        Assert.Null(li.Name);
        Assert.Null(li.Target);
        Assert.Null(li.Attainment);
    }
}
