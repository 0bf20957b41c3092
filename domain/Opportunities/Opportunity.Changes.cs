using System.Globalization;
using OppBot.Domain.Audit;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;
using OppBot.Domain.Scoring;

namespace OppBot.Domain.Opportunities;

public sealed partial class Opportunity
{
    /// <summary>Appends a follow-up. Refused (and nothing changes) for someone who may not edit, or an empty note.</summary>
    public Refusal? LogFollowUp(SalesRep actor, string note, DateTimeOffset now)
    {
        if (Guard(actor) is { } refusal)
        {
            return refusal;
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            return new Refusal(RefusalCode.NoteRequired);
        }

        if (note.Trim().Length > LeadDraft.MaxNoteLength)
        {
            return TooLong("Note", LeadDraft.MaxNoteLength);
        }

        _followUps.Add(new FollowUp(now, actor.Id, note.Trim()));
        LastFollowUpAt = now;
        Touch(actor.Id, now);
        Audit(actor.Id, now, "followUp", null, note.Trim());
        Raise(EventType.FollowUpLogged, actor.Id, now, ("note", note.Trim()));
        return null;
    }

    /// <summary>Sets the next step and its due time. A new next step also ends a snooze.</summary>
    public Refusal? SetNextStep(SalesRep actor, string what, DateTimeOffset due, DateTimeOffset now)
    {
        if (Guard(actor) is { } refusal)
        {
            return refusal;
        }

        if (string.IsNullOrWhiteSpace(what))
        {
            return new Refusal(RefusalCode.NextStepRequired);
        }

        if (what.Trim().Length > LeadDraft.MaxNoteLength)
        {
            return TooLong("NextStep", LeadDraft.MaxNoteLength);
        }

        if (due < now.AddMinutes(-1))
        {
            return new Refusal(RefusalCode.DueInPast);
        }

        Change(actor.Id, now, nameof(NextStep), NextStep, what.Trim(), v => NextStep = v);
        Change<DateTimeOffset?>(actor.Id, now, nameof(NextStepDue), NextStepDue, due, v => NextStepDue = v);
        SnoozedUntil = null;
        Touch(actor.Id, now);
        Raise(EventType.NextStepSet, actor.Id, now, ("nextStep", NextStep), ("due", due.ToString("O", CultureInfo.InvariantCulture)));
        return null;
    }

    /// <summary>
    /// Moves the deal to <paramref name="targetCode"/>. Forward moves need every exit criterion of the stages left;
    /// moves into approval stages at or above the threshold need the approver's approval unless
    /// <paramref name="approved"/> (an approval was granted) or the actor is the approver; one stage back needs a reason.
    /// Lost is not reached this way: use <see cref="Lose"/>.
    /// </summary>
    /// <param name="targetCode">The stage code to move to.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="settings">The pipeline and approval policy.</param>
    /// <param name="approverId">The team's approver (the manager), or null when the team has none.</param>
    /// <param name="now">The current time.</param>
    /// <param name="reason">Why, for moving back.</param>
    /// <param name="approved">True when a manager already approved this move.</param>
    public StageMove MoveTo(string targetCode, SalesRep actor, DomainSettings settings, Guid? approverId, DateTimeOffset now, string? reason = null, bool approved = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Guard(actor) is { } refusal)
        {
            return new StageMove.NotAllowed(refusal);
        }

        var pipeline = settings.Pipeline;
        var target = pipeline.Find(targetCode);
        if (target is null)
        {
            return new StageMove.NotAllowed(new Refusal(RefusalCode.UnknownStage, targetCode));
        }

        if (Status != OpportunityStatus.Open)
        {
            return new StageMove.NotAllowed(new Refusal(RefusalCode.Closed, StageCode));
        }

        if (target.Code == StageCode)
        {
            return new StageMove.NotAllowed(new Refusal(RefusalCode.AlreadyInStage, target.Code));
        }

        if (target.Code == PipelineDefinition.LostCode)
        {
            return new StageMove.NotAllowed(new Refusal(RefusalCode.UnknownLossReason, string.Empty));
        }

        var from = pipeline.IndexOf(StageCode);
        var to = target.Code == PipelineDefinition.WonCode ? pipeline.Active.Count : pipeline.IndexOf(target.Code);
        if (to < from)
        {
            if (from - to > 1)
            {
                return new StageMove.NotAllowed(new Refusal(RefusalCode.OnlyOneStageBack, pipeline.Active[from - 1].Code));
            }

            if (string.IsNullOrWhiteSpace(reason))
            {
                return new StageMove.NeedsReason(target.Code);
            }

            if (reason.Trim().Length > LeadDraft.MaxNoteLength)
            {
                return new StageMove.NotAllowed(TooLong("Reason", LeadDraft.MaxNoteLength));
            }

            return Enter(target, actor.Id, now, reason.Trim());
        }

        var missing = pipeline.Active.Skip(from).Take(to - from).SelectMany(MissingCriteria).Distinct().ToList();
        if (missing.Count > 0)
        {
            return new StageMove.NeedsFields(target.Code, missing);
        }

        // Approval applies to every approval stage passed through, so skipping ahead cannot avoid it.
        var passed = pipeline.Active.Skip(from + 1).Take(to - from).Select(s => s.Code).Append(target.Code);
        var needs = passed.Select(code => settings.Approvals.Requires(code, Amount, DiscountPercent)).FirstOrDefault(r => r is not null);
        // The approver moving someone else's deal approves it by doing so; nobody approves their own deal.
        if (needs is { } why && !approved && (actor.Id != approverId || actor.Id == OwnerId))
        {
            if (approverId is not { } approver || approver == OwnerId)
            {
                return new StageMove.NotAllowed(new Refusal(RefusalCode.NoApprover));
            }

            return new StageMove.NeedsApproval(target.Code, approver, why);
        }

        return Enter(target, actor.Id, now, Clean(reason));
    }

    /// <summary>Closes the deal as lost with a reason from the configured list ("other" needs a note).</summary>
    public Refusal? Lose(SalesRep actor, string reasonCode, string? note, DomainSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Guard(actor) is { } refusal)
        {
            return refusal;
        }

        if (Status != OpportunityStatus.Open)
        {
            return new Refusal(RefusalCode.Closed, StageCode);
        }

        var reason = settings.LossReasons.FirstOrDefault(r =>
            r.Code.Equals(reasonCode?.Trim(), StringComparison.OrdinalIgnoreCase) ||
            r.NameEn.Equals(reasonCode?.Trim(), StringComparison.OrdinalIgnoreCase) ||
            r.NameZh == reasonCode?.Trim());
        if (reason is null)
        {
            return new Refusal(RefusalCode.UnknownLossReason, reasonCode ?? string.Empty);
        }

        if (reason.NeedsNote && string.IsNullOrWhiteSpace(note))
        {
            return new Refusal(RefusalCode.LossNoteRequired);
        }

        if (note?.Trim().Length > LeadDraft.MaxNoteLength)
        {
            return TooLong("Note", LeadDraft.MaxNoteLength);
        }

        LossReason = reason.Code;
        LossNote = Clean(note);
        Enter(PipelineDefinition.Lost, actor.Id, now, LossNote ?? reason.Code);
        return null;
    }

    /// <summary>Reopens a won or lost deal in the last active stage it was in. Managers only.</summary>
    public Refusal? Reopen(SalesRep actor, DomainSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(settings);
        if (!actor.Manages(TeamId))
        {
            return new Refusal(RefusalCode.ManagerOnly);
        }

        if (Status == OpportunityStatus.Open)
        {
            return new Refusal(RefusalCode.NotClosed);
        }

        var previous = _history.LastOrDefault(h => h.From is not null && settings.Pipeline.IndexOf(h.From) >= 0)?.From
            ?? settings.Pipeline.Active[^1].Code;
        var old = StageCode;
        StageCode = previous;
        Status = OpportunityStatus.Open;
        LossReason = null;
        LossNote = null;
        StageEnteredAt = now;
        _history.Add(new StageChange(old, previous, now, actor.Id, "reopened"));
        Touch(actor.Id, now);
        Audit(actor.Id, now, nameof(StageCode), old, previous);
        Raise(EventType.Reopened, actor.Id, now, ("from", old), ("to", previous));
        return null;
    }

    /// <summary>Releases the deal to the team pool. By the owner, a manager, or the system (<paramref name="actor"/> null).</summary>
    public Refusal? ReleaseToPool(SalesRep? actor, DateTimeOffset now)
    {
        if (actor is not null && Guard(actor) is { } refusal)
        {
            return refusal;
        }

        if (Status != OpportunityStatus.Open)
        {
            return new Refusal(RefusalCode.Closed, StageCode);
        }

        if (OwnerId is null)
        {
            return new Refusal(RefusalCode.AlreadyInPool);
        }

        Audit(actor?.Id, now, nameof(OwnerId), OwnerId.ToString(), null);
        OwnerId = null;
        PooledAt = now;
        Touch(actor?.Id, now);
        Raise(EventType.ReleasedToPool, actor?.Id, now);
        return null;
    }

    /// <summary>A rep of the team claims the pooled deal, within the per-rep limit of open deals.</summary>
    /// <param name="actor">The claimant.</param>
    /// <param name="openDealsOwned">How many open deals the claimant owns now.</param>
    /// <param name="settings">The pool rules.</param>
    /// <param name="now">The current time.</param>
    public Refusal? Claim(SalesRep actor, int openDealsOwned, DomainSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(settings);
        if (!InPool)
        {
            return new Refusal(RefusalCode.NotInPool);
        }

        if (actor.TeamId != TeamId && actor.Role != Role.Admin)
        {
            return new Refusal(RefusalCode.NotVisible, Number.ToString(CultureInfo.InvariantCulture));
        }

        if (settings.MaxOpenDealsPerRep is { } max && openDealsOwned >= max)
        {
            return new Refusal(RefusalCode.OpenDealLimit, max.ToString(CultureInfo.InvariantCulture));
        }

        OwnerId = actor.Id;
        PooledAt = null;
        LastActivityAt = now;
        Touch(actor.Id, now);
        Audit(actor.Id, now, nameof(OwnerId), null, actor.Id.ToString());
        Raise(EventType.Claimed, actor.Id, now);
        return null;
    }

    /// <summary>Adds <paramref name="actor"/> as a collaborator (joining instead of creating a duplicate).</summary>
    public Refusal? Join(SalesRep actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanRead(actor))
        {
            return new Refusal(RefusalCode.NotVisible, Number.ToString(CultureInfo.InvariantCulture));
        }

        if (actor.Id == OwnerId || _collaborators.Contains(actor.Id))
        {
            return new Refusal(RefusalCode.AlreadyCollaborator);
        }

        _collaborators.Add(actor.Id);
        Touch(actor.Id, now);
        Audit(actor.Id, now, nameof(Collaborators), null, actor.Id.ToString());
        Raise(EventType.CollaboratorAdded, actor.Id, now);
        return null;
    }

    /// <summary>Changes the deal's details. Only the fields set in <paramref name="patch"/> change; all are checked first.</summary>
    public IReadOnlyList<FieldProblem> Update(SalesRep actor, OpportunityPatch patch, DomainSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(settings);
        if (Guard(actor) is { } refusal)
        {
            return [new FieldProblem(nameof(Opportunity), refusal)];
        }

        var merged = new LeadDraft
        {
            Account = patch.Account ?? Account,
            Title = patch.Title ?? Title,
            Amount = patch.Amount ?? Amount,
            Currency = patch.Currency ?? Currency,
            ContactName = patch.ContactName ?? ContactName,
            ContactEmail = patch.ContactEmail ?? ContactEmail,
            ContactPhone = patch.ContactPhone ?? ContactPhone,
            DecisionMaker = patch.DecisionMaker ?? DecisionMaker,
            Scorecard = patch.Scorecard ?? Scorecard,
        };
        var problems = merged.Validate(settings, now).ToList();
        if (patch.QuotedAmount is { } quoted && LeadDraft.AmountProblem(quoted, settings) is { } quotedProblem)
        {
            problems.Add(new(nameof(patch.QuotedAmount), quotedProblem));
        }

        if (patch.DiscountPercent is < 0 or > 100)
        {
            problems.Add(new(nameof(patch.DiscountPercent), new Refusal(RefusalCode.DiscountOutOfRange)));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        Change(actor.Id, now, nameof(Title), Title, merged.Title.Trim(), v => Title = v);
        Change(actor.Id, now, nameof(Account), Account, merged.Account.Trim(), SetAccount);
        Change(actor.Id, now, nameof(Amount), Amount, Math.Round(merged.Amount, 2), v => Amount = v);
        Change(actor.Id, now, nameof(Currency), Currency, merged.Currency!, v => Currency = v);
        Change(actor.Id, now, nameof(ContactName), ContactName, Clean(merged.ContactName), v => SetContact(v, ContactEmail, ContactPhone));
        Change(actor.Id, now, nameof(ContactEmail), ContactEmail, Clean(merged.ContactEmail), v => SetContact(ContactName, v, ContactPhone));
        Change(actor.Id, now, nameof(ContactPhone), ContactPhone, Clean(merged.ContactPhone), v => SetContact(ContactName, ContactEmail, v));
        Change(actor.Id, now, nameof(DecisionMaker), DecisionMaker, Clean(merged.DecisionMaker), v => DecisionMaker = v);
        Change(actor.Id, now, nameof(Scorecard), Scorecard, merged.Scorecard, v => Scorecard = v);
        if (patch.Source is { } source)
        {
            Change(actor.Id, now, nameof(Source), Source, source, v => Source = v);
        }

        if (patch.QuotedAmount is { } q)
        {
            Change<decimal?>(actor.Id, now, nameof(QuotedAmount), QuotedAmount, Math.Round(q, 2), v => QuotedAmount = v);
        }

        if (patch.DiscountPercent is { } d)
        {
            Change<decimal?>(actor.Id, now, nameof(DiscountPercent), DiscountPercent, d, v => DiscountPercent = v);
        }

        Touch(actor.Id, now);
        return [];
    }

    /// <summary>Holds nudges until <paramref name="until"/>.</summary>
    public Refusal? Snooze(SalesRep actor, DateTimeOffset until, DateTimeOffset now)
    {
        if (Guard(actor) is { } refusal)
        {
            return refusal;
        }

        if (until <= now)
        {
            return new Refusal(RefusalCode.DueInPast);
        }

        SnoozedUntil = until;
        Touch(actor.Id, now);
        Audit(actor.Id, now, nameof(SnoozedUntil), null, until.ToString("O", CultureInfo.InvariantCulture));
        return null;
    }

    /// <summary>Pauses nudges until <paramref name="until"/> for a reason (the customer's budget cycle ...).</summary>
    public Refusal? Pause(SalesRep actor, DateTimeOffset until, string reason, DateTimeOffset now)
    {
        if (Guard(actor) is { } refusal)
        {
            return refusal;
        }

        if (until <= now)
        {
            return new Refusal(RefusalCode.DueInPast);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new Refusal(RefusalCode.ReasonRequired);
        }

        PausedUntil = until;
        PauseReason = reason.Trim();
        Touch(actor.Id, now);
        Audit(actor.Id, now, nameof(PausedUntil), null, $"{until:O} {PauseReason}");
        return null;
    }

    /// <summary>Whether nudges are held at <paramref name="now"/> (snoozed or paused).</summary>
    public bool NudgesHeld(DateTimeOffset now) => SnoozedUntil > now || PausedUntil > now;

    /// <summary>Records that the owner was nudged (at most one nudge a day per deal).</summary>
    public void MarkNudged(DateTimeOffset now)
    {
        LastNudgedAt = now;
        Version++;
    }

    /// <summary>Records the escalation to the manager and flags the deal for the weekly review.</summary>
    public void MarkEscalated(DateTimeOffset now)
    {
        EscalatedAt = now;
        FlaggedForReview = true;
        Version++;
    }

    private Refusal? Guard(SalesRep actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanRead(actor))
        {
            return new Refusal(RefusalCode.NotVisible, Number.ToString(CultureInfo.InvariantCulture));
        }

        return CanEdit(actor) ? null : new Refusal(RefusalCode.NotYourDeal, Number.ToString(CultureInfo.InvariantCulture));
    }

    private static Refusal TooLong(string field, int max) =>
        new(RefusalCode.TooLong, field, max.ToString(CultureInfo.InvariantCulture));

    private StageMove.Moved Enter(StageDefinition target, Guid actorId, DateTimeOffset now, string? reason)
    {
        var old = StageCode;
        StageCode = target.Code;
        StageEnteredAt = now;
        Status = target.Code switch
        {
            PipelineDefinition.WonCode => OpportunityStatus.Won,
            PipelineDefinition.LostCode => OpportunityStatus.Lost,
            _ => OpportunityStatus.Open,
        };
        FlaggedForReview = false;
        EscalatedAt = null;
        _history.Add(new StageChange(old, target.Code, now, actorId, reason));
        Touch(actorId, now);
        Audit(actorId, now, nameof(StageCode), old, target.Code);
        var type = Status switch
        {
            OpportunityStatus.Won => EventType.Won,
            OpportunityStatus.Lost => EventType.Lost,
            _ => EventType.StageChanged,
        };
        Raise(type, actorId, now, ("from", old), ("to", target.Code), ("reason", reason), ("amount", Invariant(Amount)), ("lossReason", LossReason));
        return new StageMove.Moved(old, target.Code);
    }
}
