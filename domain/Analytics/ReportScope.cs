using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain.Analytics;

/// <summary>
/// What a person's reports are computed over — the deals they may see (<see cref="Opportunity.CanRead"/>): an admin
/// every deal, anyone else their team's deals and the deals elsewhere they own or work on — with the people, the
/// targets and the time zone that go with them. Chat (<c>report</c>) and the REST API load it the same way, so both
/// show the same figures.
/// </summary>
/// <param name="Deals">The visible deals, open and closed, by number.</param>
/// <param name="People">The people of the team (every person for an admin).</param>
/// <param name="Teams">The teams covered (every team for an admin).</param>
/// <param name="Targets">The monthly targets of those teams and people.</param>
/// <param name="Zone">The viewer's team's time zone (Asia/Shanghai when unknown or for several teams).</param>
public sealed record ReportScope(IReadOnlyList<Opportunity> Deals, IReadOnlyList<SalesRep> People, IReadOnlyList<Team> Teams, SalesTargets Targets, TimeZoneInfo Zone)
{
    private const int PageSize = 1000;

    /// <summary>The name of the scope: the team's, or null for an admin's (every team).</summary>
    public string? TeamName => Teams.Count == 1 ? Teams[0].Name : null;

    /// <summary>Loads what <paramref name="viewer"/> may see.</summary>
    public static async Task<ReportScope> LoadAsync(IOppBotStore store, OrganizationSettings organization, SalesRep viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(viewer);
        var all = viewer.Role == Role.Admin;
        var deals = await AllAsync(store, new OpportunityFilter { TeamId = all ? null : viewer.TeamId }, cancellationToken);
        if (!all)
        {
            deals.AddRange(await AllAsync(store, new OpportunityFilter { InvolvingId = viewer.Id }, cancellationToken));
        }

        var visible = deals.DistinctBy(o => o.Id).Where(o => o.CanRead(viewer)).OrderBy(o => o.Number).ToList();
        var people = await store.ListUsersAsync(all ? null : viewer.TeamId, cancellationToken);
        var teams = all
            ? await store.ListTeamsAsync(cancellationToken)
            : await store.GetTeamAsync(viewer.TeamId, cancellationToken) is { } team ? [team] : [];
        var zone = TimeZones.FindOrDefault(teams.Count == 1 ? teams[0].TimeZoneId : null);
        return new ReportScope(visible, people, teams, SalesTargets.From(organization, teams, people), zone);
    }

    private static async Task<List<Opportunity>> AllAsync(IOppBotStore store, OpportunityFilter filter, CancellationToken cancellationToken)
    {
        var all = new List<Opportunity>();
        int? cursor = null;
        while (true)
        {
            var page = await store.FindOpportunitiesAsync(filter with { AfterNumber = cursor, Limit = PageSize }, cancellationToken);
            all.AddRange(page);
            if (page.Count < PageSize)
            {
                return all;
            }

            cursor = page[^1].Number;
        }
    }
}
