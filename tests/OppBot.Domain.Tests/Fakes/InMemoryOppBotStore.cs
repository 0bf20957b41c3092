using OppBot.Domain;
using OppBot.Domain.Approvals;
using OppBot.Domain.Audit;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Integrations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain.Tests.Fakes;

/// <summary>
/// <see cref="IOppBotStore"/> in memory, for domain and conversation tests. It behaves like the EF store where tests
/// can see the difference:
/// <list type="bullet">
/// <item>Objects are stored by reference: a query returns the very instance that was added, and changes to a loaded
/// object are visible at once (there is one shared "database", not a copy per unit of work).</item>
/// <item>Everything queued with <c>Add</c>, <c>Remove</c>, <see cref="MarkProcessed"/> and <see cref="Enqueue"/> is
/// committed only by <see cref="SaveChangesAsync"/>; until then queries do not see it (as EF, whose queries hit the
/// database).</item>
/// <item><see cref="SaveChangesAsync"/> moves every deal's <see cref="Opportunity.PendingEvents"/> and
/// <see cref="Opportunity.PendingAudit"/> into <see cref="Events"/> and <see cref="AuditEntries"/> and calls
/// <see cref="Opportunity.ClearPending"/>.</item>
/// <item>A dedupe key marked twice (already committed, or twice in one unit) makes <see cref="SaveChangesAsync"/>
/// throw <see cref="DuplicateMessageException"/>, and nothing of that unit is committed — as the unique key does in SQL.</item>
/// <item>There are no concurrent copies, so no <see cref="ConcurrencyConflictException"/> arises by itself; use
/// <see cref="FailNextSave"/> to make the next save throw one (or anything else) and commit nothing.</item>
/// <item><see cref="DiscardChanges"/> forgets the queued unit of work and the deals' pending events, but cannot undo
/// changes already made to a loaded object (it is the stored object).</item>
/// </list>
/// Thread-safe (one lock), so a test may run turns in parallel.
/// </summary>
public sealed class InMemoryOppBotStore : IOppBotStore
{
    private readonly Lock _gate = new();

    private readonly List<SalesRep> _users = [];
    private readonly List<Team> _teams = [];
    private readonly List<Opportunity> _opportunities = [];
    private readonly List<Approval> _approvals = [];
    private readonly Dictionary<string, DialogState> _dialogs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _processed = new(StringComparer.Ordinal);
    private readonly List<OutgoingMessage> _outbox = [];
    private readonly List<DomainEvent> _events = [];
    private readonly List<AuditEntry> _auditEntries = [];
    private readonly List<ApiKey> _apiKeys = [];

    // The unit of work: what the next save commits.
    private readonly List<object> _pendingAdds = [];
    private readonly List<DialogState> _pendingRemovals = [];
    private readonly List<(string Key, DateTimeOffset At)> _pendingProcessed = [];
    private readonly List<OutgoingMessage> _pendingOutbox = [];

    private int _lastNumber;
    private Exception? _failNextSave;

    /// <summary>People committed.</summary>
    public IReadOnlyList<SalesRep> Users => Snapshot(_users);

    /// <summary>Teams committed.</summary>
    public IReadOnlyList<Team> Teams => Snapshot(_teams);

    /// <summary>Deals committed, in the order they were added.</summary>
    public IReadOnlyList<Opportunity> Opportunities => Snapshot(_opportunities);

    /// <summary>Approvals committed.</summary>
    public IReadOnlyList<Approval> Approvals => Snapshot(_approvals);

    /// <summary>Dialogs in progress (committed).</summary>
    public IReadOnlyList<DialogState> Dialogs
    {
        get
        {
            lock (_gate)
            {
                return [.. _dialogs.Values];
            }
        }
    }

    /// <summary>The outbox as committed, in the order queued (sent and failed rows included).</summary>
    public IReadOnlyList<OutgoingMessage> Outbox => Snapshot(_outbox);

    /// <summary>Domain events committed, oldest first.</summary>
    public IReadOnlyList<DomainEvent> Events => Snapshot(_events);

    /// <summary>Audit entries committed, oldest first.</summary>
    public IReadOnlyList<AuditEntry> AuditEntries => Snapshot(_auditEntries);

    /// <summary>Dedupe keys committed.</summary>
    public IReadOnlyList<string> ProcessedKeys
    {
        get
        {
            lock (_gate)
            {
                return [.. _processed.Keys];
            }
        }
    }

    /// <summary>How many saves committed (failed saves do not count).</summary>
    public int SaveCount { get; private set; }

    /// <summary>The last number <see cref="NextOpportunityNumberAsync"/> handed out; set it to start elsewhere.</summary>
    public int LastOpportunityNumber
    {
        get
        {
            lock (_gate)
            {
                return _lastNumber;
            }
        }

        set
        {
            lock (_gate)
            {
                _lastNumber = value;
            }
        }
    }

    /// <summary>
    /// Makes the next <see cref="SaveChangesAsync"/> throw <paramref name="exception"/> (e.g. a
    /// <see cref="ConcurrencyConflictException"/>) and commit nothing; the unit of work stays pending, as EF's change
    /// tracker does, so a second save would commit it.
    /// </summary>
    public void FailNextSave(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        lock (_gate)
        {
            _failNextSave = exception;
        }
    }

    /// <summary>Adds and commits objects in one go (test setup), without counting as a save.</summary>
    public void Seed(params object[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        lock (_gate)
        {
            foreach (var item in items)
            {
                Commit(item);
            }

            CollectPending();
        }
    }

    /// <inheritdoc/>
    public Task<SalesRep?> FindUserAsync(ChannelIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        lock (_gate)
        {
            return Task.FromResult(_users.FirstOrDefault(u => u.Identities.Contains(identity)));
        }
    }

    /// <inheritdoc/>
    public Task<SalesRep?> GetUserAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_users.FirstOrDefault(u => u.Id == id));
        }
    }

    /// <summary>People, optionally of one team, by display name (ordinal, as SQLite's default collation).</summary>
    public Task<IReadOnlyList<SalesRep>> ListUsersAsync(string? teamId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<SalesRep> list = _users
                .Where(u => teamId is null || u.TeamId == teamId)
                .OrderBy(u => u.DisplayName, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc/>
    public void Add(SalesRep user) => AddPending(user);

    /// <inheritdoc/>
    public Task<Team?> GetTeamAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_teams.FirstOrDefault(t => t.Id == id));
        }
    }

    /// <summary>All teams, by id.</summary>
    public Task<IReadOnlyList<Team>> ListTeamsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<Team> list = _teams.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc/>
    public void Add(Team team) => AddPending(team);

    /// <inheritdoc/>
    public Task<Opportunity?> GetOpportunityAsync(int number, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_opportunities.FirstOrDefault(o => o.Number == number));
        }
    }

    /// <inheritdoc/>
    public Task<Opportunity?> GetOpportunityAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_opportunities.FirstOrDefault(o => o.Id == id));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<int>> FindOpportunityNumbersAsync(OpportunityFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            IReadOnlyList<int> list = filter.Apply(_opportunities.AsQueryable()).Select(o => o.Number).ToList();
            return Task.FromResult(list);
        }
    }

    public Task<IReadOnlyList<Opportunity>> FindOpportunitiesAsync(OpportunityFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            IReadOnlyList<Opportunity> list = filter.Apply(_opportunities.AsQueryable()).ToList();
            return Task.FromResult(list);
        }
    }

    /// <summary>Open deals matching the normalised company, or the email domain or (normalised) phone when given; by number.</summary>
    public Task<IReadOnlyList<Opportunity>> FindDuplicateCandidatesAsync(string normalizedAccount, string? emailDomain, string? phone, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<Opportunity> list = _opportunities
                .Where(o => o.Status == OpportunityStatus.Open)
                .Where(o => o.NormalizedAccount == normalizedAccount
                    || (emailDomain != null && o.EmailDomain == emailDomain)
                    || (phone != null && o.NormalizedPhone == phone))
                .OrderBy(o => o.Number)
                .ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc/>
    public Task<int> NextOpportunityNumberAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(++_lastNumber);
        }
    }

    /// <inheritdoc/>
    public void Add(Opportunity opportunity) => AddPending(opportunity);

    /// <inheritdoc/>
    public Task<Approval?> GetApprovalAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_approvals.FirstOrDefault(a => a.Id == id));
        }
    }

    /// <summary>The pending approval of a deal; the latest requested if there were ever several.</summary>
    public Task<Approval?> GetPendingApprovalAsync(Guid opportunityId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_approvals
                .Where(a => a.OpportunityId == opportunityId && a.Status == ApprovalStatus.Pending)
                .OrderByDescending(a => a.RequestedAt)
                .FirstOrDefault());
        }
    }

    /// <inheritdoc/>
    public void Add(Approval approval) => AddPending(approval);

    /// <inheritdoc/>
    public Task<DialogState?> GetDialogAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_dialogs.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc/>
    public void Add(DialogState dialog) => AddPending(dialog);

    /// <summary>Ends a dialog at the next save (a dialog added in this unit is simply forgotten).</summary>
    public void Remove(DialogState dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        lock (_gate)
        {
            if (!_pendingAdds.Remove(dialog))
            {
                _pendingRemovals.Add(dialog);
            }
        }
    }

    /// <inheritdoc/>
    public Task<bool> WasProcessedAsync(string dedupeKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_processed.ContainsKey(dedupeKey));
        }
    }

    /// <summary>Marks a message as handled at the next save; a key seen before makes that save throw <see cref="DuplicateMessageException"/>.</summary>
    public void MarkProcessed(string dedupeKey, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dedupeKey);
        lock (_gate)
        {
            _pendingProcessed.Add((dedupeKey, at));
        }
    }

    /// <inheritdoc/>
    public void Enqueue(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            _pendingOutbox.Add(message);
        }
    }

    /// <inheritdoc/>
    public Task<OutgoingMessage?> GetOutgoingAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_outbox.FirstOrDefault(m => m.Id == id));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<DomainEvent>> ListEventsAsync(string? teamId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // OrderBy is stable: events with the same time keep the order they were raised in.
            IReadOnlyList<DomainEvent> list = _events
                .Where(e => (teamId == null || e.TeamId == teamId) && e.At >= since)
                .OrderBy(e => e.At)
                .ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc/>
    public Task<ApiKey?> FindApiKeyAsync(string lookup, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_apiKeys.FirstOrDefault(k => k.Lookup == lookup));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<ApiKey> list = _apiKeys.OrderBy(k => k.CreatedAt).ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc/>
    public void Add(ApiKey apiKey) => AddPending(apiKey);

    /// <summary>
    /// Forgets the unit of work: queued adds, removals, dedupe marks and outbox rows, and the pending events and audit
    /// entries of every deal (EF stops tracking the deals, so they would never be saved either). Unlike EF, changes
    /// already made to loaded objects stay, because the fake hands out the stored instances themselves.
    /// </summary>
    public void DiscardChanges()
    {
        lock (_gate)
        {
            _pendingAdds.Clear();
            _pendingRemovals.Clear();
            _pendingProcessed.Clear();
            _pendingOutbox.Clear();
            foreach (var opportunity in _opportunities)
            {
                opportunity.ClearPending();
            }
        }
    }

    /// <inheritdoc/>
    public Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_failNextSave is { } failure)
            {
                _failNextSave = null;
                throw failure;
            }

            var keys = new HashSet<string>(_processed.Keys, StringComparer.Ordinal);
            foreach (var (key, _) in _pendingProcessed)
            {
                if (!keys.Add(key))
                {
                    throw new DuplicateMessageException($"The message '{key}' was already handled.");
                }
            }

            foreach (var item in _pendingAdds)
            {
                Commit(item);
            }

            foreach (var dialog in _pendingRemovals)
            {
                _dialogs.Remove(dialog.Key);
            }

            foreach (var (key, at) in _pendingProcessed)
            {
                _processed.Add(key, at);
            }

            _outbox.AddRange(_pendingOutbox);
            CollectPending();

            _pendingAdds.Clear();
            _pendingRemovals.Clear();
            _pendingProcessed.Clear();
            _pendingOutbox.Clear();
            SaveCount++;
        }

        return Task.CompletedTask;
    }

    private void AddPending(object item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            _pendingAdds.Add(item);
        }
    }

    private void Commit(object item)
    {
        switch (item)
        {
            case SalesRep user:
                _users.Add(user);
                break;
            case Team team:
                _teams.Add(team);
                break;
            case Opportunity opportunity:
                _opportunities.Add(opportunity);
                _lastNumber = Math.Max(_lastNumber, opportunity.Number);
                break;
            case Approval approval:
                _approvals.Add(approval);
                break;
            case DialogState dialog:
                _dialogs[dialog.Key] = dialog;
                break;
            case OutgoingMessage message:
                _outbox.Add(message);
                break;
            case ApiKey apiKey:
                _apiKeys.Add(apiKey);
                break;
            default:
                throw new ArgumentException($"The store does not keep {item.GetType().Name}.", nameof(item));
        }
    }

    // Every committed deal counts as tracked, as if the test had loaded it in this unit of work.
    private void CollectPending()
    {
        foreach (var opportunity in _opportunities)
        {
            _events.AddRange(opportunity.PendingEvents);
            _auditEntries.AddRange(opportunity.PendingAudit);
            opportunity.ClearPending();
        }
    }

    private IReadOnlyList<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return [.. list];
        }
    }
}
