using System.Globalization;
using OppBot.Domain.Approvals;
using OppBot.Domain.Conversations;
using OppBot.Domain.Conversations.Cards;
using OppBot.Domain.Delivery;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;

namespace OppBot.Domain.Integrations;

/// <summary>
/// The changes an integration makes to deals (the REST API), with the rules chat applies: the aggregate's checks,
/// duplicate detection, the open-deal limit, the approval policy with the same approver (the team's manager, or an
/// admin when the manager owns the deal) and the same approval card, and the same team broadcasts. Each call is one
/// unit of work: the change, its events and the outgoing messages are saved together, or nothing is.
/// </summary>
/// <param name="store">The unit of work of this request.</param>
/// <param name="settings">The business settings.</param>
public sealed class OpportunityCommands(IOppBotStore store, DomainSettings settings)
{
    /// <summary>The deal with this number if <paramref name="actor"/> may see it.</summary>
    public async Task<Opportunity?> FindVisibleAsync(SalesRep actor, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var o = number > 0 ? await store.GetOpportunityAsync(number, cancellationToken) : null;
        return o is not null && o.CanRead(actor) ? o : null;
    }

    /// <summary>
    /// Creates a deal owned by <paramref name="actor"/>. Open deals of the same customer stop it unless
    /// <paramref name="force"/> (chat's "create anyway").
    /// </summary>
    public async Task<CommandOutcome> CreateAsync(SalesRep actor, LeadDraft draft, bool force, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        var problems = draft.Validate(settings, now);
        if (problems.Count > 0)
        {
            return new CommandOutcome.Invalid(problems);
        }

        if (!force)
        {
            var (company, domain, phone) = DuplicateFinder.KeysOf(draft);
            var matches = DuplicateFinder.Find(draft, await store.FindDuplicateCandidatesAsync(company, domain, phone, cancellationToken));
            if (matches.Count > 0)
            {
                return new CommandOutcome.Duplicates(matches);
            }
        }

        if (settings.MaxOpenDealsPerRep is { } max &&
            (await store.FindOpportunitiesAsync(new OpportunityFilter { OwnerId = actor.Id, Status = OpportunityStatus.Open, Limit = max + 1 }, cancellationToken)).Count >= max)
        {
            return new CommandOutcome.Refused(new Refusal(RefusalCode.OpenDealLimit, max.ToString(CultureInfo.InvariantCulture)));
        }

        var number = await store.NextOpportunityNumberAsync(cancellationToken);
        var o = Opportunity.Create(draft, actor, number, settings, now, out problems);
        if (o is null)
        {
            return new CommandOutcome.Invalid(problems);
        }

        store.Add(o);
        if (o.Grade(settings) == Scoring.Grade.A)
        {
            await BroadcastAsync(o, locale => Strings.Get(locale, "broadcast.gradeA", actor.DisplayName, Messages.DealLabel(o), Messages.Money(locale, o.Amount, o.Currency)), actor, now, cancellationToken);
        }

        return await SaveAsync(new CommandOutcome.Created(o), cancellationToken);
    }

    /// <summary>
    /// Changes a deal's details and, when <paramref name="nextStep"/> is given, its next step; all or nothing.
    /// <paramref name="expectedVersion"/> (from If-Match) must be the deal's version when given.
    /// </summary>
    public async Task<CommandOutcome> UpdateAsync(
        SalesRep actor,
        int number,
        int? expectedVersion,
        OpportunityPatch patch,
        (string What, DateTimeOffset Due)? nextStep,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var o = await FindVisibleAsync(actor, number, cancellationToken);
        if (o is null)
        {
            return new CommandOutcome.NotFound();
        }

        if (expectedVersion is { } expected && expected != o.Version)
        {
            return new CommandOutcome.VersionMismatch(o.Version);
        }

        var problems = o.Update(actor, patch, settings, now);
        if (problems is [{ Field: nameof(Opportunity), Problem: var refusal }])
        {
            return Undo(new CommandOutcome.Refused(refusal));
        }

        if (problems.Count > 0)
        {
            return Undo(new CommandOutcome.Invalid(problems));
        }

        if (nextStep is { } next && o.SetNextStep(actor, next.What, next.Due, now) is { } nextRefusal)
        {
            return Undo(new CommandOutcome.Invalid([new FieldProblem(nameof(Opportunity.NextStep), nextRefusal)]));
        }

        return await SaveAsync(new CommandOutcome.Done(o), cancellationToken);
    }

    /// <summary>
    /// Moves a deal to <paramref name="to"/> (a stage code or name), or to the next stage when null, exactly as chat's
    /// <c>advance</c>: missing exit criteria are reported, approval stages above the threshold send the approval card to
    /// the approver, one stage back needs <paramref name="reason"/>.
    /// </summary>
    public async Task<CommandOutcome> AdvanceAsync(SalesRep actor, int number, string? to, string? reason, int? expectedVersion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var o = await FindVisibleAsync(actor, number, cancellationToken);
        if (o is null)
        {
            return new CommandOutcome.NotFound();
        }

        if (expectedVersion is { } expected && expected != o.Version)
        {
            return new CommandOutcome.VersionMismatch(o.Version);
        }

        var target = string.IsNullOrWhiteSpace(to) ? settings.Pipeline.Next(o.StageCode)?.Code : settings.Pipeline.Find(to)?.Code;
        if (target is null)
        {
            return new CommandOutcome.Refused(string.IsNullOrWhiteSpace(to) ? new Refusal(RefusalCode.Closed, o.StageCode) : new Refusal(RefusalCode.UnknownStage, to!.Trim()));
        }

        if (await store.GetPendingApprovalAsync(o.Id, cancellationToken) is { } pending)
        {
            return new CommandOutcome.Refused(new Refusal(RefusalCode.ApprovalPending, pending.Number.ToString(CultureInfo.InvariantCulture)));
        }

        var team = await store.GetTeamAsync(o.TeamId, cancellationToken);
        var move = o.MoveTo(target, actor, settings, await ApproverAsync(team, o, cancellationToken), now, reason);
        switch (move)
        {
            case StageMove.Moved moved:
                await BroadcastAsync(o, locale => MovedText(locale, actor, o, moved), actor, now, cancellationToken);
                return await SaveAsync(new CommandOutcome.Done(o), cancellationToken);
            case StageMove.NeedsFields needs:
                return new CommandOutcome.NeedsFields(needs.Target, needs.Missing);
            case StageMove.NeedsReason back:
                return new CommandOutcome.NeedsReason(back.Target);
            case StageMove.NeedsApproval approval:
                return await RequestApprovalAsync(actor, o, approval, now, cancellationToken);
            case StageMove.NotAllowed notAllowed:
                return new CommandOutcome.Refused(notAllowed.Why);
            default:
                throw new InvalidOperationException($"Unexpected stage move {move}.");
        }
    }

    /// <summary>Logs a follow-up and, when <paramref name="nextStep"/> is given, sets the next step; all or nothing.</summary>
    public async Task<CommandOutcome> LogFollowUpAsync(SalesRep actor, int number, string note, (string What, DateTimeOffset Due)? nextStep, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var o = await FindVisibleAsync(actor, number, cancellationToken);
        if (o is null)
        {
            return new CommandOutcome.NotFound();
        }

        if (o.LogFollowUp(actor, note, now) is { } refusal)
        {
            return refusal.Code is RefusalCode.NotYourDeal or RefusalCode.NotVisible
                ? new CommandOutcome.Refused(refusal)
                : new CommandOutcome.Invalid([new FieldProblem("Note", refusal)]);
        }

        if (nextStep is { } next && o.SetNextStep(actor, next.What, next.Due, now) is { } nextRefusal)
        {
            return Undo(new CommandOutcome.Invalid([new FieldProblem(nameof(Opportunity.NextStep), nextRefusal)]));
        }

        return await SaveAsync(new CommandOutcome.Done(o), cancellationToken);
    }

    // The team's manager approves; when the manager owns the deal, an admin does (as in chat).
    private async Task<Guid?> ApproverAsync(Team? team, Opportunity o, CancellationToken cancellationToken)
    {
        if (team?.ManagerId is { } manager && manager != o.OwnerId)
        {
            return manager;
        }

        return (await store.ListUsersAsync(null, cancellationToken)).FirstOrDefault(u => u.Role == Role.Admin && u.Id != o.OwnerId)?.Id;
    }

    private async Task<CommandOutcome> RequestApprovalAsync(SalesRep actor, Opportunity o, StageMove.NeedsApproval needs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var approver = await store.GetUserAsync(needs.ApproverId, cancellationToken);
        if (approver is null)
        {
            return new CommandOutcome.Refused(new Refusal(RefusalCode.NoApprover));
        }

        var approval = new Approval(o.Id, o.Number, actor.Id, approver.Id, o.StageCode, needs.Target, o.Amount, o.Currency, needs.Reason, now);
        store.Add(approval);
        if (approver.Addresses.FirstOrDefault() is { } address)
        {
            var names = await NamesAsync(o.TeamId, cancellationToken, o.OwnerId, actor, approver);
            var card = ApprovalCards.Build(approval, o, new CardContext(approver.Locale, approver.TimeZone, now, settings, approver, names));
            var message = new OutgoingMessage(address, Reply.FromCard(card, approver.Locale), MessagePurpose.ApprovalRequest, now);
            approval.AttachCard(message.Id);
            store.Enqueue(message);
        }

        return await SaveAsync(new CommandOutcome.ApprovalRequested(approval, approver), cancellationToken);
    }

    private string MovedText(string locale, SalesRep actor, Opportunity o, StageMove.Moved moved)
    {
        var money = Messages.Money(locale, o.Amount, o.Currency);
        return moved.To == PipelineDefinition.WonCode
            ? Strings.Get(locale, "broadcast.won", actor.DisplayName, Messages.DealLabel(o), money)
            : Strings.Get(locale, "broadcast.moved", actor.DisplayName, Messages.DealLabel(o), settings.Pipeline.Get(moved.From).Name(locale), settings.Pipeline.Get(moved.To).Name(locale), money);
    }

    // The team channel hears of it as it would from chat, in the manager's language (Chinese when there is none).
    private async Task BroadcastAsync(Opportunity o, Func<string, string> text, SalesRep actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var team = await store.GetTeamAsync(o.TeamId, cancellationToken);
        if (team?.BroadcastAddress is not { } address)
        {
            return;
        }

        var manager = team.ManagerId is { } id ? await store.GetUserAsync(id, cancellationToken) : null;
        var locale = manager?.Locale ?? Locales.Chinese;
        var context = new CardContext(locale, TimeZones.FindOrDefault(team.TimeZoneId), now, settings, actor, new Dictionary<Guid, string>());
        var card = new Card
        {
            Title = text(locale),
            Subtitle = DealCards.Progress(o, context),
            Actions = [new CardAction(Strings.Get(locale, "action.show"), Verbs.Show) { Data = DealCards.Data(o) }],
        };
        store.Enqueue(new OutgoingMessage(address, Reply.FromCard(card, locale), MessagePurpose.Broadcast, now));
    }

    private async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(string teamId, CancellationToken cancellationToken, Guid? owner, params SalesRep[] people)
    {
        var names = (await store.ListUsersAsync(teamId, cancellationToken)).ToDictionary(u => u.Id, u => u.DisplayName);
        foreach (var person in people)
        {
            names[person.Id] = person.DisplayName;
        }

        if (owner is { } ownerId && !names.ContainsKey(ownerId) && await store.GetUserAsync(ownerId, cancellationToken) is { } other)
        {
            names[ownerId] = other.DisplayName;
        }

        return names;
    }

    private CommandOutcome Undo(CommandOutcome outcome)
    {
        store.DiscardChanges();
        return outcome;
    }

    private async Task<CommandOutcome> SaveAsync(CommandOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveChangesAsync(cancellationToken);
            return outcome;
        }
        catch (ConcurrencyConflictException)
        {
            store.DiscardChanges();
            return new CommandOutcome.Conflict();
        }
    }
}
