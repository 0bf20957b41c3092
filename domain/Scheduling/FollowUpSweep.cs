using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain.Scheduling;

/// <summary>
/// The periodic follow-up sweep: finds open deals that need their owner (<see cref="NudgePolicy"/>), sends each rep one
/// message listing everything due with buttons per deal, tells managers about deals stalled past twice their SLA,
/// and, when configured, releases long-inactive deals to the team pool. Idempotent: every nudge records when it was
/// sent in the same transaction as the queued message, so a run repeated (or retried after a crash) sends nothing twice.
/// </summary>
/// <param name="store">The unit of work of this run.</param>
/// <param name="settings">The business settings.</param>
/// <param name="scheduling">Whether to release inactive deals.</param>
public sealed class FollowUpSweep(IOppBotStore store, DomainSettings settings, SchedulingSettings scheduling)
{
    /// <summary>Deals read per query, and roughly how many deals one save commits.</summary>
    public const int PageSize = 200;

    /// <summary>Candidate numbers read per query.</summary>
    private const int NumbersPerQuery = 50_000;

    /// <summary>
    /// Runs the sweep at <paramref name="now"/>. The numbers of the open deals that may need attention
    /// (<see cref="NudgePolicy.MayNeedAttention"/>, evaluated by the store) are read first, then those deals page by
    /// page (by number), and the decisions
    /// grouped per owner first, so a rep gets one message however many pages their deals are spread over; the
    /// messages and the marks on the deals are then saved in batches of about <see cref="PageSize"/> deals, each
    /// rep's message in the same transaction as the marks on that rep's deals.
    /// </summary>
    public async Task<SweepResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var people = new Dictionary<Guid, SalesRep?>();
        var work = new Dictionary<Guid, RepWork>();
        var escalate = new List<Opportunity>();
        int scanned = 0, skipped = 0, deferred = 0;
        await foreach (var page in CandidatesAsync(now, cancellationToken))
        {
            scanned += page.Count;
            foreach (var deal in page)
            {
                if (deal.OwnerId is not { } ownerId)
                {
                    continue;
                }

                var owner = await PersonAsync(people, ownerId, cancellationToken);
                if (owner is null)
                {
                    continue;
                }

                if (scheduling.AutoReleaseToPool && NudgePolicy.IsInactive(deal, settings, now))
                {
                    if (NudgePolicy.IsWorkingTime(owner, now))
                    {
                        Work(work, owner).Released.Add(deal);
                    }
                    else
                    {
                        deferred++;
                    }

                    continue;
                }

                var decision = NudgePolicy.Decide(deal, owner, settings, now);
                if (decision.ShouldNudge)
                {
                    Work(work, owner).Due.Add((deal, decision));
                }
                else if (decision.Outcome == NudgeOutcome.OutsideWorkingHours)
                {
                    deferred++;
                }

                if (decision.Escalate)
                {
                    escalate.Add(deal);
                }
            }

        }

        var batch = new Batch(store);
        int nudges = 0, released = 0;
        foreach (var rep in work.Values.OrderBy(w => w.Owner.DisplayName, StringComparer.Ordinal).ThenBy(w => w.Owner.Id))
        {
            var address = rep.Owner.Addresses.FirstOrDefault();
            var changed = rep.Released.Count;
            if (address is null)
            {
                // Nothing is marked, so the rep is nudged once they have talked to OppBot and have an address.
                skipped++;
            }
            else
            {
                store.Enqueue(new OutgoingMessage(address, NudgeCards.ForOwner(rep.Owner, rep.Due, rep.Released, settings, now), MessagePurpose.Nudge, now));
                nudges++;
                changed += rep.Due.Count;
                foreach (var (deal, _) in rep.Due)
                {
                    deal.MarkNudged(now);
                }
            }

            foreach (var deal in rep.Released)
            {
                if (deal.ReleaseToPool(null, now) is null)
                {
                    released++;
                }
            }

            await batch.AddAsync(changed, cancellationToken);
        }

        var (escalations, escalationSkipped, escalationDeferred) = await EscalateAsync(escalate, people, batch, now, cancellationToken);
        await batch.FlushAsync(cancellationToken);
        return new SweepResult(scanned, nudges, escalations, skipped + escalationSkipped)
        {
            Deferred = deferred + escalationDeferred,
            ReleasedToPool = released,
            Conflicts = batch.Conflicts,
        };
    }

    // One message per manager listing the deals of their teams stalled past twice the SLA. A deal whose team has no
    // manager (or one OppBot cannot reach) is still flagged for the weekly review; one whose manager is outside
    // working hours waits for a later run.
    private async Task<(int Escalated, int Skipped, int Deferred)> EscalateAsync(
        List<Opportunity> deals, Dictionary<Guid, SalesRep?> people, Batch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        int escalated = 0, skipped = 0, deferred = 0;
        var byManager = new Dictionary<Guid, (SalesRep Manager, List<Opportunity> Deals)>();
        var unreachable = new List<Opportunity>();
        foreach (var team in deals.GroupBy(d => d.TeamId, StringComparer.Ordinal))
        {
            var managerId = (await store.GetTeamAsync(team.Key, cancellationToken))?.ManagerId;
            var manager = managerId is { } id ? await PersonAsync(people, id, cancellationToken) : null;
            if (manager is null || manager.Addresses.Count == 0)
            {
                skipped++;
                unreachable.AddRange(team);
            }
            else if (!NudgePolicy.IsWorkingTime(manager, now))
            {
                deferred += team.Count();
            }
            else if (byManager.TryGetValue(manager.Id, out var entry))
            {
                entry.Deals.AddRange(team);
            }
            else
            {
                byManager[manager.Id] = (manager, [.. team]);
            }
        }

        var names = people.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.DisplayName);
        foreach (var (manager, list) in byManager.Values)
        {
            store.Enqueue(new OutgoingMessage(manager.Addresses[0], NudgeCards.ForManager(manager, list, names, settings, now), MessagePurpose.Nudge, now));
            foreach (var deal in list)
            {
                deal.MarkEscalated(now);
                escalated++;
            }

            await batch.AddAsync(list.Count, cancellationToken);
        }

        foreach (var deal in unreachable)
        {
            deal.MarkEscalated(now);
            escalated++;
        }

        await batch.AddAsync(unreachable.Count, cancellationToken);
        return (escalated, skipped, deferred);
    }

    // The numbers of the open deals that may need attention, read once in one query that loads no deal, then those
    // deals PageSize at a time. Reading pages of open deals and filtering them would make the store scan every open
    // deal once per page (and once more per child table), which is what made the sweep grow with all deals.
    private async IAsyncEnumerable<IReadOnlyList<Opportunity>> CandidatesAsync(
        DateTimeOffset now, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rule = NudgePolicy.MayNeedAttention(settings, scheduling.AutoReleaseToPool, now);
        var numbers = new List<int>();
        int? cursor = null;
        while (true)
        {
            var chunk = await store.FindOpportunityNumbersAsync(
                new OpportunityFilter { Status = OpportunityStatus.Open, Matching = rule, AfterNumber = cursor, Limit = NumbersPerQuery },
                cancellationToken);
            numbers.AddRange(chunk);
            if (chunk.Count < NumbersPerQuery)
            {
                break;
            }

            cursor = chunk[^1];
        }

        foreach (var part in numbers.Chunk(PageSize))
        {
            var page = await store.FindOpportunitiesAsync(
                new OpportunityFilter { Matching = o => part.Contains(o.Number), Limit = PageSize },
                cancellationToken);
            if (page.Count > 0)
            {
                yield return page;
            }
        }
    }

    private async Task<SalesRep?> PersonAsync(Dictionary<Guid, SalesRep?> people, Guid id, CancellationToken cancellationToken)
    {
        if (!people.TryGetValue(id, out var person))
        {
            person = await store.GetUserAsync(id, cancellationToken);
            people[id] = person;
        }

        return person;
    }

    private static RepWork Work(Dictionary<Guid, RepWork> work, SalesRep owner)
    {
        if (!work.TryGetValue(owner.Id, out var entry))
        {
            entry = new RepWork(owner);
            work[owner.Id] = entry;
        }

        return entry;
    }

    private sealed record RepWork(SalesRep Owner)
    {
        public List<(Opportunity Deal, NudgeDecision Decision)> Due { get; } = [];

        public List<Opportunity> Released { get; } = [];
    }

    // Saves once about PageSize deals were changed. A conflict (a rep changed one of these deals in a chat meanwhile)
    // discards this batch only: nothing of it was saved, so the next run decides about those deals again.
    private sealed class Batch(IOppBotStore store)
    {
        private int _pending;

        public int Conflicts { get; private set; }

        public async Task AddAsync(int deals, CancellationToken cancellationToken)
        {
            _pending += deals;
            if (_pending >= PageSize)
            {
                await FlushAsync(cancellationToken);
            }
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_pending == 0)
            {
                return;
            }

            _pending = 0;
            try
            {
                await store.SaveChangesAsync(cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                store.DiscardChanges();
                Conflicts++;
            }
        }
    }
}
