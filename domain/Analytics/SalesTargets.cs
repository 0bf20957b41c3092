using OppBot.Domain.People;

namespace OppBot.Domain.Analytics;

/// <summary>
/// Monthly won-amount targets: the team's (<see cref="Team.MonthlyTarget"/>, from <c>Organization:Teams</c>) and each
/// rep's (<see cref="PersonSettings.MonthlyTarget"/>, from <c>Organization:People</c>).
/// </summary>
/// <param name="Team">The team's monthly target (the sum over the teams a report covers), null when none is set.</param>
/// <param name="Reps">Each rep's monthly target, by person id; reps without one are absent.</param>
public sealed record SalesTargets(decimal? Team, IReadOnlyDictionary<Guid, decimal> Reps)
{
    /// <summary>No targets.</summary>
    public static SalesTargets None { get; } = new(null, new Dictionary<Guid, decimal>());

    /// <summary>A rep's monthly target, if set.</summary>
    public decimal? Of(Guid repId) => Reps.TryGetValue(repId, out var target) ? target : null;

    /// <summary>
    /// The targets of <paramref name="teams"/> and <paramref name="people"/>: a person's target is the one configured
    /// for any of their channel identities.
    /// </summary>
    public static SalesTargets From(OrganizationSettings organization, IEnumerable<Team> teams, IEnumerable<SalesRep> people)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentNullException.ThrowIfNull(people);
        var set = teams.Select(t => t.MonthlyTarget).OfType<decimal>().ToList();
        var reps = new Dictionary<Guid, decimal>();
        foreach (var person in people)
        {
            var target = person.Identities
                .Select(i => organization.Find(i.Channel, i.ExternalId)?.MonthlyTarget)
                .FirstOrDefault(t => t is > 0);
            if (target is { } value)
            {
                reps[person.Id] = value;
            }
        }

        return new SalesTargets(set.Count == 0 ? null : set.Sum(), reps);
    }
}
