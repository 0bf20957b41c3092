using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain.Scheduling;

/// <summary>
/// The weekly pipeline review. <see cref="RunDueAsync"/> is called every hour: each team whose review day and time
/// (<see cref="SchedulingSettings.ReviewDay"/>, <see cref="SchedulingSettings.ReviewTime"/>, in the team's time zone)
/// has come this ISO week, and whose review was not posted yet this week, gets it: the summary in the team's broadcast
/// channel, each rep a card of their own open deals, the manager the rollup. The week is recorded under
/// <see cref="ReviewSchedule.Key"/> in the same transaction as the messages, so it is never posted twice, even by two
/// instances at once. <see cref="BuildForTeamAsync"/> builds the same review on demand (the <c>review</c> command).
/// </summary>
/// <param name="store">The unit of work of this run.</param>
/// <param name="settings">The business settings.</param>
/// <param name="scheduling">The review day and time.</param>
public sealed class WeeklyReview(IOppBotStore store, DomainSettings settings, SchedulingSettings scheduling)
{
    /// <summary>The period a review covers: the seven days before it.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromDays(7);

    private const int PageSize = 500;

    /// <summary>Posts the review of every team that is due at <paramref name="now"/> and not yet posted this week.</summary>
    public async Task<ReviewRunResult> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var teams = await store.ListTeamsAsync(cancellationToken);
        int posted = 0, queued = 0;
        foreach (var team in teams)
        {
            var zone = TimeZones.FindOrDefault(team.TimeZoneId);
            if (!ReviewSchedule.IsDue(now, zone, scheduling))
            {
                continue;
            }

            var key = ReviewSchedule.Key(team.Id, now, zone);
            if (await store.WasProcessedAsync(key, cancellationToken))
            {
                continue;
            }

            var review = await BuildForTeamAsync(team.Id, now, cancellationToken);
            if (review is null)
            {
                continue;
            }

            var messages = Outgoing(review, now);
            foreach (var message in messages)
            {
                store.Enqueue(message);
            }

            store.MarkProcessed(key, now);
            try
            {
                await store.SaveChangesAsync(cancellationToken);
                posted++;
                queued += messages.Count;
            }
            catch (DuplicateMessageException)
            {
                // Another instance posted this team's review meanwhile: drop ours.
                store.DiscardChanges();
            }
        }

        return new ReviewRunResult(teams.Count, posted, queued);
    }

    /// <summary>
    /// Builds the review of a team for the seven days before <paramref name="now"/>, without posting anything.
    /// Null when the team is unknown.
    /// </summary>
    public async Task<TeamReview?> BuildForTeamAsync(string teamId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        var team = await store.GetTeamAsync(teamId, cancellationToken);
        if (team is null)
        {
            return null;
        }

        var from = now - Period;
        var deals = new List<Opportunity>();
        deals.AddRange(await AllAsync(new OpportunityFilter { TeamId = teamId, Status = OpportunityStatus.Open }, cancellationToken));
        deals.AddRange(await AllAsync(new OpportunityFilter { TeamId = teamId, UpdatedSince = from }, cancellationToken));

        var people = (await store.ListUsersAsync(teamId, cancellationToken)).ToList();
        var known = people.Select(p => p.Id).ToHashSet();
        foreach (var id in deals.Select(o => o.OwnerId).OfType<Guid>().Append(team.ManagerId ?? Guid.Empty).Distinct())
        {
            if (id != Guid.Empty && !known.Contains(id) && await store.GetUserAsync(id, cancellationToken) is { } outsider)
            {
                people.Add(outsider);
                known.Add(id);
            }
        }

        var manager = people.FirstOrDefault(p => p.Id == team.ManagerId);
        return TeamReview.Create(team, manager, people, deals, settings, from, now);
    }

    /// <summary>
    /// The messages of a review: the summary to the team's broadcast channel (in the manager's language, Chinese when
    /// there is none), each rep with open deals their cards, and the manager the rollup. People without a personal
    /// address are left out.
    /// </summary>
    public static IReadOnlyList<OutgoingMessage> Outgoing(TeamReview review, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(review);
        var messages = new List<OutgoingMessage>();
        var teamZone = TimeZones.FindOrDefault(review.Team.TimeZoneId);
        if (review.Team.BroadcastAddress is { } channel)
        {
            var locale = review.Manager?.Locale ?? Locales.Chinese;
            messages.Add(new OutgoingMessage(channel, Reply.FromCard(ReviewCards.Summary(review, locale, teamZone), locale), MessagePurpose.Review, now));
        }

        foreach (var rep in review.Reps)
        {
            if (rep.Open.Count > 0 && rep.Rep?.Addresses.FirstOrDefault() is { } address)
            {
                messages.Add(new OutgoingMessage(address, ReviewCards.ForRep(review, rep, rep.Rep.Locale, rep.Rep.TimeZone), MessagePurpose.Review, now));
            }
        }

        if (review.Manager?.Addresses.FirstOrDefault() is { } managerAddress)
        {
            messages.Add(new OutgoingMessage(managerAddress, ReviewCards.Rollup(review, review.Manager.Locale, review.Manager.TimeZone), MessagePurpose.Review, now));
        }

        return messages;
    }

    private async Task<List<Opportunity>> AllAsync(OpportunityFilter filter, CancellationToken cancellationToken)
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
