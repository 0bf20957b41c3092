using System.Globalization;
using OppBot.Domain.Audit;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;
using OppBot.Domain.Scoring;
using OppBot.Domain.Text;

namespace OppBot.Domain.Opportunities;

/// <summary>
/// A sales opportunity (商机): the aggregate every rule of the pipeline is enforced on. Each change checks who
/// may make it, records an audit entry and a domain event, and bumps <see cref="Version"/> so that two
/// simultaneous edits never silently overwrite each other.
/// </summary>
public sealed partial class Opportunity
{
    private readonly List<Guid> _collaborators = [];
    private readonly List<StageChange> _history = [];
    private readonly List<FollowUp> _followUps = [];
    private readonly List<DomainEvent> _events = [];
    private readonly List<AuditEntry> _audit = [];

    private Opportunity()
    {
        Title = string.Empty;
        Account = string.Empty;
        NormalizedAccount = string.Empty;
        Currency = "CNY";
        StageCode = string.Empty;
        TeamId = string.Empty;
        Scorecard = Scorecard.Empty;
    }

    /// <summary>The internal id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The short number used in chat (#42).</summary>
    public int Number { get; private set; }

    /// <summary>What the deal is about.</summary>
    public string Title { get; private set; }

    /// <summary>The customer company.</summary>
    public string Account { get; private set; }

    /// <summary>The company name normalised for duplicate detection.</summary>
    public string NormalizedAccount { get; private set; }

    /// <summary>The contact person.</summary>
    public string? ContactName { get; private set; }

    /// <summary>The contact's email.</summary>
    public string? ContactEmail { get; private set; }

    /// <summary>The company's email domain (null for free-mail), for duplicate detection.</summary>
    public string? EmailDomain { get; private set; }

    /// <summary>The contact's phone.</summary>
    public string? ContactPhone { get; private set; }

    /// <summary>The contact's phone, digits only, for duplicate detection.</summary>
    public string? NormalizedPhone { get; private set; }

    /// <summary>The decision maker.</summary>
    public string? DecisionMaker { get; private set; }

    /// <summary>The estimated amount.</summary>
    public decimal Amount { get; private set; }

    /// <summary>ISO currency. Defaults to CNY.</summary>
    public string Currency { get; private set; }

    /// <summary>The amount quoted to the customer, once a quote was given.</summary>
    public decimal? QuotedAmount { get; private set; }

    /// <summary>The discount offered, in percent.</summary>
    public decimal? DiscountPercent { get; private set; }

    /// <summary>Where the lead came from.</summary>
    public LeadSource Source { get; private set; }

    /// <summary>The current stage's code (an active stage, or won/lost).</summary>
    public string StageCode { get; private set; }

    /// <summary>Open, won or lost.</summary>
    public OpportunityStatus Status { get; private set; }

    /// <summary>The owner; null while the deal is in the team pool.</summary>
    public Guid? OwnerId { get; private set; }

    /// <summary>The team.</summary>
    public string TeamId { get; private set; }

    /// <summary>People who work the deal with the owner.</summary>
    public IReadOnlyList<Guid> Collaborators => _collaborators;

    /// <summary>The next step.</summary>
    public string? NextStep { get; private set; }

    /// <summary>When the next step is due.</summary>
    public DateTimeOffset? NextStepDue { get; private set; }

    /// <summary>The lead scorecard.</summary>
    public Scorecard Scorecard { get; private set; }

    /// <summary>The stage history, oldest first.</summary>
    public IReadOnlyList<StageChange> StageHistory => _history;

    /// <summary>The follow-up log, oldest first.</summary>
    public IReadOnlyList<FollowUp> FollowUps => _followUps;

    /// <summary>The loss reason code, when lost.</summary>
    public string? LossReason { get; private set; }

    /// <summary>The note that goes with the loss reason.</summary>
    public string? LossNote { get; private set; }

    /// <summary>When the deal was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Who created it.</summary>
    public Guid? CreatedById { get; private set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When it entered its current stage.</summary>
    public DateTimeOffset StageEnteredAt { get; private set; }

    /// <summary>The last time the owner (or a collaborator) did something with it.</summary>
    public DateTimeOffset LastActivityAt { get; private set; }

    /// <summary>When the last follow-up was logged (creation counts as one).</summary>
    public DateTimeOffset LastFollowUpAt { get; private set; }

    /// <summary>When it was released to the team pool, while it is there.</summary>
    public DateTimeOffset? PooledAt { get; private set; }

    /// <summary>Nudges about this deal wait until then.</summary>
    public DateTimeOffset? SnoozedUntil { get; private set; }

    /// <summary>Nudges are paused until then, for <see cref="PauseReason"/>.</summary>
    public DateTimeOffset? PausedUntil { get; private set; }

    /// <summary>Why nudges are paused (waiting for the customer's budget cycle ...).</summary>
    public string? PauseReason { get; private set; }

    /// <summary>When the owner was last nudged about it.</summary>
    public DateTimeOffset? LastNudgedAt { get; private set; }

    /// <summary>When the manager was told it is stalled past twice the SLA.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    /// <summary>Flagged for the weekly review (stalled past twice the SLA).</summary>
    public bool FlaggedForReview { get; private set; }

    /// <summary>Incremented by every change; the optimistic concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>Whether the deal is in the team pool.</summary>
    public bool InPool => OwnerId is null && Status == OpportunityStatus.Open;

    /// <summary>Events raised since the deal was loaded; the store saves them with the change.</summary>
    public IReadOnlyList<DomainEvent> PendingEvents => _events;

    /// <summary>Audit entries since the deal was loaded; the store saves them with the change.</summary>
    public IReadOnlyList<AuditEntry> PendingAudit => _audit;

    /// <summary>Forgets the pending events and audit entries once the store saved them.</summary>
    public void ClearPending()
    {
        _events.Clear();
        _audit.Clear();
    }

    /// <summary>
    /// Creates a deal in the first stage, owned by <paramref name="owner"/> in the owner's team.
    /// Returns the problems instead when the draft is not valid; nothing is created then.
    /// </summary>
    public static Opportunity? Create(
        LeadDraft draft,
        SalesRep owner,
        int number,
        DomainSettings settings,
        DateTimeOffset now,
        out IReadOnlyList<FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        problems = draft.Validate(settings, now);
        if (problems.Count > 0)
        {
            return null;
        }

        var o = new Opportunity
        {
            Id = Guid.NewGuid(),
            Number = number,
            Title = draft.Title.Trim(),
            Amount = Math.Round(draft.Amount, 2),
            Currency = draft.Currency ?? settings.DefaultCurrency,
            Source = draft.Source,
            StageCode = settings.Pipeline.First.Code,
            Status = OpportunityStatus.Open,
            OwnerId = owner.Id,
            TeamId = owner.TeamId,
            Scorecard = draft.Scorecard,
            CreatedAt = now,
            CreatedById = owner.Id,
            UpdatedAt = now,
            StageEnteredAt = now,
            LastActivityAt = now,
            LastFollowUpAt = now,
            Version = 1,
        };
        o.SetAccount(draft.Account);
        o.SetContact(draft.ContactName, draft.ContactEmail, draft.ContactPhone);
        o.DecisionMaker = Clean(draft.DecisionMaker);
        o.NextStep = Clean(draft.NextStep);
        o.NextStepDue = o.NextStep is null ? null : draft.NextStepDue;
        o._history.Add(new StageChange(null, o.StageCode, now, owner.Id, null));
        o.Raise(EventType.Created, owner.Id, now, ("stage", o.StageCode), ("amount", Invariant(o.Amount)), ("grade", o.Grade(settings).ToString()));
        o.Audit(owner.Id, now, "created", null, $"#{number} {o.Title}");
        return o;
    }

    /// <summary>The grade from the scorecard.</summary>
    public Grade Grade(DomainSettings settings) => Score(settings).Grade;

    /// <summary>The weighted score with its breakdown.</summary>
    public ScoreResult Score(DomainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Scorecard.Evaluate(settings.Weights);
    }

    /// <summary>The current stage's definition.</summary>
    public StageDefinition Stage(DomainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Pipeline.Get(StageCode);
    }

    /// <summary>Amount × the stage's win probability.</summary>
    public decimal WeightedAmount(DomainSettings settings) =>
        Status == OpportunityStatus.Open ? Math.Round(Amount * Stage(settings).Probability, 2) : 0m;

    /// <summary>Whether <paramref name="user"/> may see the deal: the team, collaborators, and admins.</summary>
    public bool CanRead(SalesRep user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Role == Role.Admin || user.TeamId == TeamId || user.Id == OwnerId || _collaborators.Contains(user.Id);
    }

    /// <summary>Whether <paramref name="user"/> may change the deal: the owner, collaborators, the team's manager, admins.</summary>
    public bool CanEdit(SalesRep user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Manages(TeamId) || user.Id == OwnerId || _collaborators.Contains(user.Id);
    }

    /// <summary>Whether the deal is stalled: longer in its stage than the SLA, or no follow-up for too long.</summary>
    public bool IsStalled(DomainSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Status == OpportunityStatus.Open &&
            (DaysInStage(now) > Stage(settings).SlaDays || (now - LastFollowUpAt).TotalDays > settings.StallAfterDaysWithoutFollowUp);
    }

    /// <summary>Whole days since the deal entered its stage.</summary>
    public int DaysInStage(DateTimeOffset now) => (int)Math.Floor((now - StageEnteredAt).TotalDays);

    /// <summary>Whether the next step's due time has passed.</summary>
    public bool IsOverdue(DateTimeOffset now) => Status == OpportunityStatus.Open && NextStepDue is { } due && due < now;

    /// <summary>The exit criteria of <paramref name="stage"/> this deal does not meet.</summary>
    public IReadOnlyList<ExitCriterion> MissingCriteria(StageDefinition stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return stage.ExitCriteria.Where(c => !Meets(c)).ToList();
    }

    /// <summary>Whether one exit criterion is met.</summary>
    public bool Meets(ExitCriterion criterion) => criterion switch
    {
        ExitCriterion.Contact => ContactName is not null,
        ExitCriterion.Need => Scorecard.Need,
        ExitCriterion.DecisionMaker => DecisionMaker is not null,
        ExitCriterion.Budget => Scorecard.Budget,
        ExitCriterion.Authority => Scorecard.Authority,
        ExitCriterion.Timeline => Scorecard.Timeline,
        ExitCriterion.Amount => Amount > 0,
        ExitCriterion.QuotedAmount => QuotedAmount is > 0,
        ExitCriterion.NextStep => NextStep is not null,
        _ => false,
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private void SetAccount(string account)
    {
        Account = account.Trim();
        NormalizedAccount = NameNormalizer.NormalizeCompany(Account);
    }

    private void SetContact(string? name, string? email, string? phone)
    {
        ContactName = Clean(name);
        ContactEmail = Clean(email);
        EmailDomain = NameNormalizer.EmailDomain(ContactEmail);
        ContactPhone = Clean(phone);
        NormalizedPhone = ContactPhone is null ? null : NullIfEmpty(NameNormalizer.NormalizePhone(ContactPhone));
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private void Touch(Guid? actorId, DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
        if (actorId is { } id && (id == OwnerId || _collaborators.Contains(id)))
        {
            LastActivityAt = now;
        }
    }

    private void Raise(EventType type, Guid? actorId, DateTimeOffset at, params (string Key, string? Value)[] data)
    {
        var dict = data.Where(d => d.Value is not null).ToDictionary(d => d.Key, d => d.Value!, StringComparer.Ordinal);
        _events.Add(new DomainEvent(Guid.NewGuid(), type, Id, Number, TeamId, actorId, at, dict));
    }

    private void Audit(Guid? actorId, DateTimeOffset at, string field, string? oldValue, string? newValue) =>
        _audit.Add(new AuditEntry(Guid.NewGuid(), Id, actorId, at, field, oldValue, newValue));

    private void Change<T>(Guid? actorId, DateTimeOffset now, string field, T oldValue, T newValue, Action<T> set)
    {
        if (EqualityComparer<T>.Default.Equals(oldValue, newValue))
        {
            return;
        }

        set(newValue);
        Audit(actorId, now, field, Format(oldValue), Format(newValue));

        static string? Format(T value) => value switch
        {
            null => null,
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}
