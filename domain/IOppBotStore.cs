using OppBot.Domain.Approvals;
using OppBot.Domain.Audit;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Integrations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain;

/// <summary>
/// Port 1: persistence, as one unit of work per turn or job. Changes to loaded or added objects, the outbox rows,
/// the events and audit entries and the dedupe mark are all committed together by <see cref="SaveChangesAsync"/>.
/// Implemented with EF Core (SQLite, PostgreSQL) and in memory for tests.
/// </summary>
public interface IOppBotStore
{
    /// <summary>The person with this channel identity.</summary>
    Task<SalesRep?> FindUserAsync(ChannelIdentity identity, CancellationToken cancellationToken);

    /// <summary>The person with this id.</summary>
    Task<SalesRep?> GetUserAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>People, optionally of one team.</summary>
    Task<IReadOnlyList<SalesRep>> ListUsersAsync(string? teamId, CancellationToken cancellationToken);

    /// <summary>Adds a person.</summary>
    void Add(SalesRep user);

    /// <summary>The team with this id.</summary>
    Task<Team?> GetTeamAsync(string id, CancellationToken cancellationToken);

    /// <summary>All teams.</summary>
    Task<IReadOnlyList<Team>> ListTeamsAsync(CancellationToken cancellationToken);

    /// <summary>Adds a team.</summary>
    void Add(Team team);

    /// <summary>The deal with this number.</summary>
    Task<Opportunity?> GetOpportunityAsync(int number, CancellationToken cancellationToken);

    /// <summary>The deal with this id.</summary>
    Task<Opportunity?> GetOpportunityAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Deals matching a filter.</summary>
    Task<IReadOnlyList<Opportunity>> FindOpportunitiesAsync(OpportunityFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// The numbers of the deals matching a filter, ascending, without loading the deals: for work that decides on
    /// few of many deals (the follow-up sweep reads the candidates' numbers once, then only those deals).
    /// </summary>
    Task<IReadOnlyList<int>> FindOpportunityNumbersAsync(OpportunityFilter filter, CancellationToken cancellationToken);

    /// <summary>Open deals whose normalised company, email domain or phone equals one of these.</summary>
    Task<IReadOnlyList<Opportunity>> FindDuplicateCandidatesAsync(string normalizedAccount, string? emailDomain, string? phone, CancellationToken cancellationToken);

    /// <summary>Reserves the next deal number (numbers are never reused; a gap after a failed save is fine).</summary>
    Task<int> NextOpportunityNumberAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reserves <paramref name="count"/> deal numbers at once (an import). The default asks one by one; a store that can
    /// reserve a block in one statement should, since each reservation is a write of its own.
    /// </summary>
    async Task<IReadOnlyList<int>> ReserveOpportunityNumbersAsync(int count, CancellationToken cancellationToken)
    {
        var numbers = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            numbers.Add(await NextOpportunityNumberAsync(cancellationToken));
        }

        return numbers;
    }

    /// <summary>Adds a deal.</summary>
    void Add(Opportunity opportunity);

    /// <summary>The approval with this id.</summary>
    Task<Approval?> GetApprovalAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The pending approval of a deal, if any.</summary>
    Task<Approval?> GetPendingApprovalAsync(Guid opportunityId, CancellationToken cancellationToken);

    /// <summary>Adds an approval.</summary>
    void Add(Approval approval);

    /// <summary>The dialog in progress for this key.</summary>
    Task<DialogState?> GetDialogAsync(string key, CancellationToken cancellationToken);

    /// <summary>Adds a dialog.</summary>
    void Add(DialogState dialog);

    /// <summary>Ends a dialog.</summary>
    void Remove(DialogState dialog);

    /// <summary>Whether a message with this dedupe key was already handled.</summary>
    Task<bool> WasProcessedAsync(string dedupeKey, CancellationToken cancellationToken);

    /// <summary>Marks a message as handled, in the same transaction as its effects.</summary>
    void MarkProcessed(string dedupeKey, DateTimeOffset at);

    /// <summary>Queues a message in the outbox.</summary>
    void Enqueue(OutgoingMessage message);

    /// <summary>An outbox row by id.</summary>
    Task<OutgoingMessage?> GetOutgoingAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Events of a team (or all) since a moment, oldest first.</summary>
    Task<IReadOnlyList<DomainEvent>> ListEventsAsync(string? teamId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The API key whose public lookup part (<see cref="ApiKey.Lookup"/>) is <paramref name="lookup"/>, revoked or not.</summary>
    Task<ApiKey?> FindApiKeyAsync(string lookup, CancellationToken cancellationToken);

    /// <summary>Every API key, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(CancellationToken cancellationToken);

    /// <summary>Adds an API key.</summary>
    void Add(ApiKey apiKey);

    /// <summary>Forgets every change not yet saved (after a conflict), so the turn can save a reply instead.</summary>
    void DiscardChanges();

    /// <summary>
    /// Commits everything. Throws <see cref="ConcurrencyConflictException"/> when someone else changed the same
    /// object meanwhile, and <see cref="DuplicateMessageException"/> when another instance handled the same message.
    /// Nothing is saved in either case.
    /// </summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
