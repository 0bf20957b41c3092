using OppBot.Domain;
using OppBot.Domain.People;

namespace OppBot.Bot.Playground;

/// <summary>
/// The demo team in the database, written through the domain's own API: the team (its time zone, target, manager and
/// the team channel as its broadcast address) and its three people (role, team, identity on <c>directline</c>, their chat
/// as their address). Created the first time someone opens the playground (or by <c>--demo</c>), so the manager exists
/// before a rep's first approval request needs an approver; whatever exists already is left as it is.
/// </summary>
/// <remarks>
/// The demo people work around the clock (working hours 00:00–24:00, every day), so "Run scheduled jobs now" shows
/// reminders whenever someone tries it; <c>hours 9-18</c> in their chat brings back the usual.
/// </remarks>
public static class DemoTeam
{
    private static readonly WorkingHours AroundTheClock = new(TimeOnly.MinValue, TimeOnly.MaxValue, Enum.GetValues<DayOfWeek>());

    /// <summary>
    /// Adds what is missing to <paramref name="store"/> (not saved: the caller saves) and returns the people in the order
    /// of <see cref="PlaygroundPeople.All"/>. New people are dated <paramref name="since"/>.
    /// </summary>
    public static async Task<IReadOnlyList<SalesRep>> EnsureAsync(IOppBotStore store, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var people = new List<SalesRep>();
        foreach (var persona in PlaygroundPeople.All)
        {
            var person = await store.FindUserAsync(persona.Identity, cancellationToken);
            if (person is null)
            {
                person = new SalesRep(persona.Name, persona.Role, PlaygroundPeople.TeamId, persona.Locale, since);
                person.LinkIdentity(persona.Identity);
                person.RememberAddress(persona.ChatAddress);
                person.SetWorkingHours(AroundTheClock);
                store.Add(person);
            }

            people.Add(person);
        }

        var team = await store.GetTeamAsync(PlaygroundPeople.TeamId, cancellationToken);
        if (team is null)
        {
            team = new Team(PlaygroundPeople.TeamId, PlaygroundPeople.TeamName);
            team.Configure(PlaygroundPeople.TeamName, PlaygroundPeople.TimeZoneId, PlaygroundPeople.TeamMonthlyTarget);
            store.Add(team);
        }

        if (team.ManagerId is null)
        {
            team.SetManager(people.Single(p => p.Role == Role.Manager).Id);
        }

        if (team.BroadcastAddress is null)
        {
            team.Subscribe(PlaygroundPeople.TeamChannelAddress);
        }

        return people;
    }
}
