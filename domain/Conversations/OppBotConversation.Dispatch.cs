using System.Globalization;
using OppBot.Domain.Analytics;
using OppBot.Domain.Approvals;
using OppBot.Domain.Conversations.Cards;
using OppBot.Domain.Delivery;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;
using OppBot.Domain.Text;

namespace OppBot.Domain.Conversations;

public sealed partial class OppBotConversation
{
    private Task DispatchAsync(Turn turn, ChatCommand command, CancellationToken ct) => command switch
    {
        ChatCommand.Help when turn.Message.Files.Count > 0 => ImportAsync(turn, new ChatCommand.Import(Confirm: false, AllowDuplicates: false), ct),
        ChatCommand.Help => Done(() => turn.Reply(HelpReply(turn))),
        ChatCommand.NewLead c => Done(() => turn.Show(LeadCards.Form(turn.Cards(Empty), c.Prefill, null))),
        ChatCommand.QuickLead c => QuickLeadAsync(turn, c, ct),
        ChatCommand.SubmitLead c => SubmitLeadAsync(turn, c.Values, c.IgnoreDuplicates, ct),
        ChatCommand.Join c => WithDealAsync(turn, c.Number, ct, (o, _) => Apply(turn, o, o.Join(turn.User, turn.Now), "joined"), needsEdit: false),
        ChatCommand.MyDeals c => MyDealsAsync(turn, c.Page, team: false, ct),
        ChatCommand.TeamDeals c => MyDealsAsync(turn, c.Page, team: true, ct),
        ChatCommand.Show c => WithDealAsync(turn, c.Number, ct, (o, names) => turn.Show(DealCards.Opportunity(o, turn.Cards(names))), needsEdit: false),
        ChatCommand.Find c => FindAsync(turn, c.Text, ct),
        ChatCommand.Log c => LogAsync(turn, c, ct),
        ChatCommand.Next c => NextAsync(turn, c, ct),
        ChatCommand.Advance c => AdvanceAsync(turn, c.Number, c.Values, ct),
        ChatCommand.MoveBack c => MoveBackAsync(turn, c.Number, c.Reason, ct),
        ChatCommand.Won c => MoveAsync(turn, c.Number, PipelineDefinition.WonCode, null, ct),
        ChatCommand.Lost c => LostAsync(turn, c, ct),
        ChatCommand.Reopen c => WithDealAsync(turn, c.Number, ct, (o, _) => Apply(turn, o, o.Reopen(turn.User, settings, turn.Now), "reopened"), needsEdit: false),
        ChatCommand.Pool => PoolAsync(turn, ct),
        ChatCommand.Claim c => ClaimAsync(turn, c.Number, ct),
        ChatCommand.Release c => WithDealAsync(turn, c.Number, ct, (o, _) => Apply(turn, o, o.ReleaseToPool(turn.User, turn.Now), "released")),
        ChatCommand.Pipeline => PipelineAsync(turn, ct),
        ChatCommand.Review => ReviewAsync(turn, ct),
        ChatCommand.Report => ReportAsync(turn, ct),
        ChatCommand.ApiKeys c => ApiKeysAsync(turn, c.Text, ct),
        ChatCommand.Language c => Done(() => Language(turn, c.Value)),
        ChatCommand.TimeZone c => Done(() => TimeZone(turn, c.Value)),
        ChatCommand.Hours c => Done(() => Hours(turn, c.Value)),
        ChatCommand.Subscribe => SubscribeAsync(turn, ct),
        ChatCommand.Import c => ImportAsync(turn, c, ct),
        ChatCommand.Export => ExportAsync(turn, ct),
        ChatCommand.Decide c => DecideAsync(turn, c, ct),
        ChatCommand.RefreshApproval c => RefreshApprovalAsync(turn, c.ApprovalId, ct),
        ChatCommand.Snooze c => WithDealAsync(turn, c.Number, ct, (o, _) => Snooze(turn, o, c.Days)),
        ChatCommand.Pause c => WithDealAsync(turn, c.Number, ct, (o, _) => Pause(turn, o, c.Until, c.Reason)),
        ChatCommand.Cancel => Done(() => Cancel(turn)),
        ChatCommand.Back => Done(() => Back(turn)),
        ChatCommand.Answer c => AnswerAsync(turn, c.Text, ct),
        ChatCommand.MissingNumber c => Done(() => turn.Say("missing.number", c.Command)),
        ChatCommand.Unknown c => Done(() => turn.Say(c.Suggestion is null ? "unknown" : "unknown.suggest", c.Text, c.Suggestion)),
        _ => Done(() => turn.Say("unknown", string.Empty)),
    };

    private static readonly IReadOnlyDictionary<Guid, string> Empty = new Dictionary<Guid, string>();

    private static Task Done(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    private static Reply Welcome(Turn turn) => HelpReply(turn, turn.T("welcome", turn.User.DisplayName));

    private static Reply HelpReply(Turn turn, string? intro = null)
    {
        var card = new Card
        {
            Title = turn.T("help.title"),
            Text = intro,
            Sections =
            [
                new CardSection(turn.T("help.capture"), [turn.T("help.newlead"), turn.T("help.quick")]),
                new CardSection(turn.T("help.work"), [turn.T("help.mydeals"), turn.T("help.show"), turn.T("help.find"), turn.T("help.log"), turn.T("help.next"), turn.T("help.advance"), turn.T("help.close")]),
                new CardSection(turn.T("help.team"), [turn.T("help.pool"), turn.T("help.pipeline"), turn.T("help.subscribe")]),
                new CardSection(turn.T("help.settings"), [turn.T("help.lang")]),
            ],
            Actions =
            [
                new CardAction(turn.T("action.newlead"), Verbs.NewLead) { Style = ActionStyle.Positive },
                new CardAction(turn.T("action.mydeals"), Verbs.MyDeals),
                new CardAction(turn.T("action.pipeline"), Verbs.Pipeline),
                new CardAction(turn.T("action.pool"), Verbs.Pool),
                new CardAction(turn.T("action.review"), Verbs.Review),
            ],
        };
        return Reply.FromCard(card, turn.Locale);
    }

    private async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(string teamId, CancellationToken ct, params Guid?[] extra)
    {
        var names = (await store.ListUsersAsync(teamId, ct)).ToDictionary(u => u.Id, u => u.DisplayName);
        foreach (var id in extra)
        {
            if (id is { } value && !names.ContainsKey(value) && await store.GetUserAsync(value, ct) is { } other)
            {
                names[value] = other.DisplayName;
            }
        }

        return names;
    }

    private async Task WithDealAsync(Turn turn, int number, CancellationToken ct, Action<Opportunity, IReadOnlyDictionary<Guid, string>> action, bool needsEdit = true)
    {
        var o = await LoadAsync(turn, number, ct);
        if (o is null)
        {
            return;
        }

        if (needsEdit && !o.CanEdit(turn.User) && !o.InPool)
        {
            turn.Refuse(new Refusal(RefusalCode.NotYourDeal, number.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        action(o, await NamesAsync(o.TeamId, ct, o.OwnerId));
    }

    private async Task<Opportunity?> LoadAsync(Turn turn, int number, CancellationToken ct)
    {
        var o = number > 0 ? await store.GetOpportunityAsync(number, ct) : null;
        if (o is null)
        {
            turn.Say("deal.unknown", number);
            return null;
        }

        if (!o.CanRead(turn.User))
        {
            turn.Refuse(new Refusal(RefusalCode.NotVisible, number.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        return o;
    }

    private void Apply(Turn turn, Opportunity o, Refusal? refusal, string doneKey)
    {
        if (refusal is not null)
        {
            turn.Refuse(refusal);
            return;
        }

        turn.Show(DealCards.Opportunity(o, turn.Cards(new Dictionary<Guid, string> { [turn.User.Id] = turn.User.DisplayName })), turn.T("done." + doneKey, o.Number));
    }

    private async Task QuickLeadAsync(Turn turn, ChatCommand.QuickLead command, CancellationToken ct)
    {
        if (command.Problems.Count > 0)
        {
            turn.Say("quick.notUnderstood", string.Join(" ", command.Problems));
        }

        var draft = LeadForm.Read(command.Values, settings, turn.Now, turn.Zone, turn.Locale, out var errors);
        if (draft is null)
        {
            // Ask for what is missing: the form, prefilled with what was understood.
            var shown = errors.Where(e => command.Values.ContainsKey(e.Key)).ToDictionary(e => e.Key, e => e.Value);
            turn.Show(LeadCards.Form(turn.Cards(Empty), command.Values, shown), turn.T("quick.askMissing"));
            return;
        }

        await CreateLeadAsync(turn, draft, command.Values, ignoreDuplicates: false, ct);
    }

    private async Task SubmitLeadAsync(Turn turn, IReadOnlyDictionary<string, string> submitted, bool ignoreDuplicates, CancellationToken ct)
    {
        var values = submitted;
        if (ignoreDuplicates)
        {
            // "Create anyway" carries no values: they wait in the confirmation dialog.
            if (turn.Dialog is not { Form: LeadCards.ConfirmDialog } pending)
            {
                turn.Say("lead.expired");
                return;
            }

            values = pending.Values;
        }

        var draft = LeadForm.Read(values, settings, turn.Now, turn.Zone, turn.Locale, out var errors);
        if (draft is null)
        {
            turn.Show(LeadCards.Form(turn.Cards(Empty), values, errors), turn.T("form.fix"));
            return;
        }

        await CreateLeadAsync(turn, draft, values, ignoreDuplicates, ct);
    }

    private async Task CreateLeadAsync(Turn turn, LeadDraft draft, IReadOnlyDictionary<string, string> values, bool ignoreDuplicates, CancellationToken ct)
    {
        if (!ignoreDuplicates)
        {
            var (company, domain, phone) = DuplicateFinder.KeysOf(draft);
            var matches = DuplicateFinder.Find(draft, await store.FindDuplicateCandidatesAsync(company, domain, phone, ct));
            if (matches.Count > 0)
            {
                var owners = await NamesAsync(turn.User.TeamId, ct, [.. matches.Select(m => m.Existing.OwnerId)]);
                RemoveDialog(turn);
                var confirm = new DialogState(DialogKey(turn.Message, turn.User), turn.User.Id, LeadCards.ConfirmDialog, values.Where(v => v.Key != CardAction.VerbKey).ToDictionary(), turn.Now + DialogLifetime);
                store.Add(confirm);
                turn.Show(LeadCards.Duplicates(matches, turn.Cards(owners)));
                return;
            }
        }

        if (settings.MaxOpenDealsPerRep is { } max &&
            (await store.FindOpportunitiesAsync(new OpportunityFilter { OwnerId = turn.User.Id, Status = OpportunityStatus.Open, Limit = max + 1 }, ct)).Count >= max)
        {
            turn.Refuse(new Refusal(RefusalCode.OpenDealLimit, max.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        var number = await store.NextOpportunityNumberAsync(ct);
        var o = Opportunity.Create(draft, turn.User, number, settings, turn.Now, out var problems);
        if (o is null)
        {
            turn.Refuse(problems[0].Problem);
            return;
        }

        store.Add(o);
        RemoveDialog(turn);
        var names = new Dictionary<Guid, string> { [turn.User.Id] = turn.User.DisplayName };
        turn.Show(DealCards.Opportunity(o, turn.Cards(names)), turn.T("lead.created", o.Number, o.Grade(settings)));
        if (o.Grade(settings) == Scoring.Grade.A)
        {
            await BroadcastAsync(turn, o.TeamId, turn.T("broadcast.gradeA", turn.User.DisplayName, Messages.DealLabel(o), Messages.Money(turn.Locale, o.Amount, o.Currency)), o, ct);
        }
    }

    private void RemoveDialog(Turn turn)
    {
        if (turn.Dialog is not null)
        {
            store.Remove(turn.Dialog);
            turn.Dialog = null;
        }
    }

    private async Task MyDealsAsync(Turn turn, int page, bool team, CancellationToken ct)
    {
        if (team && !turn.User.Manages(turn.User.TeamId))
        {
            turn.Refuse(new Refusal(RefusalCode.ManagerOnly));
            return;
        }

        var filter = team
            ? new OpportunityFilter { TeamId = turn.User.TeamId, Status = OpportunityStatus.Open, Limit = 10_000 }
            : new OpportunityFilter { InvolvingId = turn.User.Id, Status = OpportunityStatus.Open, Limit = 10_000 };
        var deals = (await store.FindOpportunitiesAsync(filter, ct))
            .OrderBy(o => o.NextStepDue ?? DateTimeOffset.MaxValue).ThenBy(o => o.Number).ToList();
        var names = await NamesAsync(turn.User.TeamId, ct);
        turn.Show(LeadCards.List(turn.T(team ? "list.team" : "list.mine", deals.Count), deals, page, PageSize, team ? Verbs.TeamDeals : Verbs.MyDeals, turn.Cards(names), showOwner: team));
    }

    private async Task FindAsync(Turn turn, string text, CancellationToken ct)
    {
        var filter = new OpportunityFilter { Text = text.Trim(), Limit = 200, TeamId = turn.User.Role == Role.Admin ? null : turn.User.TeamId };
        var deals = (await store.FindOpportunitiesAsync(filter, ct)).ToList();
        if (turn.User.Role != Role.Admin)
        {
            var mine = await store.FindOpportunitiesAsync(new OpportunityFilter { Text = text.Trim(), InvolvingId = turn.User.Id, Limit = 200 }, ct);
            deals = deals.Concat(mine).DistinctBy(o => o.Id).ToList();
        }

        deals = deals.Where(o => o.CanRead(turn.User)).OrderByDescending(o => o.UpdatedAt).ToList();
        if (deals.Count == 0)
        {
            turn.Say("find.none", text);
            return;
        }

        var names = await NamesAsync(turn.User.TeamId, ct);
        turn.Show(LeadCards.List(turn.T("find.title", text, deals.Count), deals, 1, PageSize, Verbs.MyDeals, turn.Cards(names), showOwner: true));
    }

    private Task LogAsync(Turn turn, ChatCommand.Log command, CancellationToken ct) => WithDealAsync(turn, command.Number, ct, (o, names) =>
    {
        var cards = turn.Cards(names);
        if (command.Note is null)
        {
            turn.Show(DealCards.LogForm(o, cards));
            return;
        }

        DateTimeOffset? due = null;
        if (command.NextWhat is not null || command.NextWhen is not null)
        {
            var parsed = DateExpressionParser.Parse(command.NextWhen ?? string.Empty, turn.Now, turn.Zone);
            if (!parsed.Success || command.NextWhat is null)
            {
                var error = parsed.Success ? turn.T("form.required") : turn.T("date.invalid", command.NextWhen ?? string.Empty);
                turn.Show(DealCards.LogForm(o, cards, error));
                return;
            }

            due = parsed.Value;
        }

        if (command.NextWhat?.Length > LeadDraft.MaxNoteLength)
        {
            turn.Refuse(new Refusal(RefusalCode.TooLong, "NextStep", LeadDraft.MaxNoteLength.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        // The next step was checked above, so once the follow-up is logged setting it cannot fail half-way.
        var refusal = o.LogFollowUp(turn.User, command.Note, turn.Now);
        if (refusal is null && due is { } when)
        {
            refusal = o.SetNextStep(turn.User, command.NextWhat!, when, turn.Now);
        }

        if (refusal is not null)
        {
            turn.Refuse(refusal);
            return;
        }

        turn.Show(DealCards.Opportunity(o, cards), turn.T("done.logged", o.Number));
    });

    private Task NextAsync(Turn turn, ChatCommand.Next command, CancellationToken ct) => WithDealAsync(turn, command.Number, ct, (o, names) =>
    {
        var cards = turn.Cards(names);
        if (command.Text is null)
        {
            turn.Show(DealCards.NextForm(o, cards));
            return;
        }

        var parsed = DateExpressionParser.ParsePrefix(command.Text, turn.Now, turn.Zone, out var what);
        if (!parsed.Success)
        {
            turn.Say(parsed.Error == DateParseError.InThePast ? "refusal." + RefusalCode.DueInPast : "next.badDate", command.Text);
            return;
        }

        var refusal = o.SetNextStep(turn.User, what, parsed.Value, turn.Now);
        if (refusal is not null)
        {
            turn.Refuse(refusal);
            return;
        }

        turn.Say("done.next", o.Number, what.Trim(), Messages.When(turn.Locale, parsed.Value, turn.Zone));
    });

    private async Task AdvanceAsync(Turn turn, int number, IReadOnlyDictionary<string, string>? values, CancellationToken ct)
    {
        var o = await LoadAsync(turn, number, ct);
        if (o is null)
        {
            return;
        }

        var target = values is not null && values.TryGetValue("to", out var to) && settings.Pipeline.Find(to) is not null ? to : settings.Pipeline.Next(o.StageCode)?.Code;
        if (target is null)
        {
            turn.Refuse(new Refusal(RefusalCode.Closed, o.StageCode));
            return;
        }

        await MoveAsync(turn, number, target, values, ct, o);
    }

    private async Task MoveBackAsync(Turn turn, int number, string? reason, CancellationToken ct)
    {
        var o = await LoadAsync(turn, number, ct);
        if (o is null)
        {
            return;
        }

        var index = settings.Pipeline.IndexOf(o.StageCode);
        if (index <= 0)
        {
            turn.Refuse(new Refusal(RefusalCode.OnlyOneStageBack, o.StageCode));
            return;
        }

        await MoveAsync(turn, number, settings.Pipeline.Active[index - 1].Code, reason is null ? null : new Dictionary<string, string> { ["reason"] = reason }, ct, o);
    }

    private async Task MoveAsync(Turn turn, int number, string target, IReadOnlyDictionary<string, string>? values, CancellationToken ct, Opportunity? loaded = null)
    {
        var o = loaded ?? await LoadAsync(turn, number, ct);
        if (o is null)
        {
            return;
        }

        var names = await NamesAsync(o.TeamId, ct, o.OwnerId);
        var cards = turn.Cards(names);
        if (values is not null && !ApplyCriteriaValues(turn, o, values, target, cards))
        {
            return;
        }

        if (await store.GetPendingApprovalAsync(o.Id, ct) is { } pending)
        {
            turn.Refuse(new Refusal(RefusalCode.ApprovalPending, pending.Number.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        var team = await TeamAsync(o.TeamId, ct);
        var reason = values is not null && values.TryGetValue("reason", out var r) ? r : null;
        var move = o.MoveTo(target, turn.User, settings, await ApproverAsync(team, o, ct), turn.Now, reason);
        switch (move)
        {
            case StageMove.Moved moved:
                turn.Show(DealCards.Opportunity(o, cards), turn.T("done.moved", o.Number, settings.Pipeline.Get(moved.To).Name(turn.Locale)));
                await BroadcastMoveAsync(turn, o, moved, ct);
                break;
            case StageMove.NeedsFields needs:
                turn.Show(DealCards.AdvanceForm(o, needs.Target, needs.Missing, cards));
                break;
            case StageMove.NeedsReason back:
                turn.Show(ReasonForm(turn, o, back.Target));
                break;
            case StageMove.NeedsApproval approval:
                await RequestApprovalAsync(turn, o, approval, ct);
                break;
            case StageMove.NotAllowed notAllowed:
                turn.Refuse(notAllowed.Why);
                break;
        }
    }

    // The team's manager approves; when the manager owns the deal, an admin does.
    private async Task<Guid?> ApproverAsync(Team? team, Opportunity o, CancellationToken ct)
    {
        if (team?.ManagerId is { } manager && manager != o.OwnerId)
        {
            return manager;
        }

        return (await store.ListUsersAsync(null, ct)).FirstOrDefault(u => u.Role == Role.Admin && u.Id != o.OwnerId)?.Id;
    }

    private bool ApplyCriteriaValues(Turn turn, Opportunity o, IReadOnlyDictionary<string, string> values, string target, CardContext cards)
    {
        string? V(string key) => values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        decimal? Amount(string key, out string? error)
        {
            error = null;
            if (V(key) is not { } text)
            {
                return null;
            }

            var parsed = AmountParser.Parse(text);
            if (!parsed.Success)
            {
                error = turn.T("amount.invalid", text);
                return null;
            }

            return parsed.Amount;
        }

        var amount = Amount(LeadFields.Amount, out var amountError);
        var quoted = Amount(LeadFields.QuotedAmount, out var quotedError);
        if ((amountError ?? quotedError) is not null)
        {
            var missing = o.MissingCriteria(o.Stage(settings));
            turn.Show(DealCards.AdvanceForm(o, target, missing, cards) with { Error = amountError ?? quotedError });
            return false;
        }

        var card = o.Scorecard;
        var patch = new OpportunityPatch
        {
            ContactName = V(LeadFields.Contact),
            DecisionMaker = V(LeadFields.DecisionMaker),
            Amount = amount,
            QuotedAmount = quoted,
            Scorecard = card with
            {
                Budget = card.Budget || LeadForm.IsYes(V(LeadFields.Budget)),
                Authority = card.Authority || LeadForm.IsYes(V(LeadFields.Authority)),
                Need = card.Need || LeadForm.IsYes(V(LeadFields.Need)),
                Timeline = card.Timeline || LeadForm.IsYes(V(LeadFields.Timeline)),
            },
        };
        var problems = o.Update(turn.User, patch, settings, turn.Now);
        if (problems.Count > 0)
        {
            turn.Refuse(problems[0].Problem);
            return false;
        }

        return true;
    }

    private static Card ReasonForm(Turn turn, Opportunity o, string target) => new()
    {
        Title = turn.T("back.title", Messages.DealLabel(o), turn.Settings.Pipeline.Get(target).Name(turn.Locale)),
        Inputs = [new CardInput("reason", turn.T("field.reason"), InputType.Text) { Required = true, MaxLength = LeadDraft.MaxNoteLength }],
        Actions = [new CardAction(turn.T("action.back"), Verbs.MoveBack) { Data = DealCards.Data(o), SubmitsInputs = true }],
    };

    private async Task LostAsync(Turn turn, ChatCommand.Lost command, CancellationToken ct)
    {
        var o = await LoadAsync(turn, command.Number, ct);
        if (o is null)
        {
            return;
        }

        var names = await NamesAsync(o.TeamId, ct, o.OwnerId);
        if (command.Reason is null)
        {
            if (!o.CanEdit(turn.User))
            {
                turn.Refuse(new Refusal(RefusalCode.NotYourDeal, o.Number.ToString(CultureInfo.InvariantCulture)));
                return;
            }

            turn.Show(DealCards.LostForm(o, turn.Cards(names)));
            return;
        }

        var refusal = o.Lose(turn.User, command.Reason, command.Note, settings, turn.Now);
        if (refusal is { Code: RefusalCode.UnknownLossReason or RefusalCode.LossNoteRequired })
        {
            turn.Show(DealCards.LostForm(o, turn.Cards(names), Messages.Refusal(turn.Locale, refusal)));
            return;
        }

        if (refusal is not null)
        {
            turn.Refuse(refusal);
            return;
        }

        turn.Show(DealCards.Opportunity(o, turn.Cards(names)), turn.T("done.lost", o.Number));
        var reason = settings.LossReasons.First(r => r.Code == o.LossReason).Name(turn.Locale);
        await BroadcastAsync(turn, o.TeamId, turn.T("broadcast.lost", turn.User.DisplayName, Messages.DealLabel(o), Messages.Money(turn.Locale, o.Amount, o.Currency), reason), o, ct);
    }

    private async Task BroadcastMoveAsync(Turn turn, Opportunity o, StageMove.Moved moved, CancellationToken ct)
    {
        var money = Messages.Money(turn.Locale, o.Amount, o.Currency);
        var text = moved.To == PipelineDefinition.WonCode
            ? turn.T("broadcast.won", turn.User.DisplayName, Messages.DealLabel(o), money)
            : turn.T("broadcast.moved", turn.User.DisplayName, Messages.DealLabel(o), settings.Pipeline.Get(moved.From).Name(turn.Locale), settings.Pipeline.Get(moved.To).Name(turn.Locale), money);
        await BroadcastAsync(turn, o.TeamId, text, o, ct);
    }

    private async Task BroadcastAsync(Turn turn, string teamId, string text, Opportunity o, CancellationToken ct)
    {
        var team = await TeamAsync(teamId, ct);
        if (team?.BroadcastAddress is not { } address)
        {
            return;
        }

        var card = new Card
        {
            Title = text,
            Subtitle = DealCards.Progress(o, turn.Cards(Empty)),
            Actions = [new CardAction(turn.T("action.show"), Verbs.Show) { Data = DealCards.Data(o) }],
        };
        turn.Send(address, Reply.FromCard(card, turn.Locale), MessagePurpose.Broadcast);
    }

    private async Task PoolAsync(Turn turn, CancellationToken ct)
    {
        var deals = await store.FindOpportunitiesAsync(new OpportunityFilter { TeamId = turn.User.TeamId, InPool = true, Limit = 200 }, ct);
        if (deals.Count == 0)
        {
            turn.Say("pool.empty");
            return;
        }

        turn.Show(LeadCards.Pool(deals, turn.Cards(Empty)));
    }

    private async Task ClaimAsync(Turn turn, int number, CancellationToken ct)
    {
        var o = await LoadAsync(turn, number, ct);
        if (o is null)
        {
            return;
        }

        var owned = settings.MaxOpenDealsPerRep is { } max
            ? (await store.FindOpportunitiesAsync(new OpportunityFilter { OwnerId = turn.User.Id, Status = OpportunityStatus.Open, Limit = max + 1 }, ct)).Count
            : 0;
        Apply(turn, o, o.Claim(turn.User, owned, settings, turn.Now), "claimed");
    }

    private async Task PipelineAsync(Turn turn, CancellationToken ct)
    {
        var manager = turn.User.Manages(turn.User.TeamId);
        var filter = manager
            ? new OpportunityFilter { TeamId = turn.User.Role == Role.Admin ? null : turn.User.TeamId, Limit = 100_000 }
            : new OpportunityFilter { InvolvingId = turn.User.Id, Limit = 100_000 };
        var deals = await store.FindOpportunitiesAsync(filter, ct);
        var funnel = Funnel.Compute(deals.ToList(), settings, turn.Now);
        turn.Show(WithAnalytics(turn, LeadCards.Pipeline(funnel, turn.T(manager ? "pipeline.team" : "pipeline.mine"), turn.Cards(Empty)), deals));
    }

    private async Task ReviewAsync(Turn turn, CancellationToken ct)
    {
        // The same review the weekly job posts: managers get the team rollup, reps their own deals with one-tap actions.
        var review = await new Scheduling.WeeklyReview(store, settings, new Scheduling.SchedulingSettings()).BuildForTeamAsync(turn.User.TeamId, turn.Now, ct);
        if (review is null)
        {
            turn.Say("list.empty");
            return;
        }

        if (turn.User.Manages(turn.User.TeamId))
        {
            turn.Reply(Scheduling.ReviewCards.Rollup(review, turn.Locale, turn.Zone));
            return;
        }

        var mine = review.Reps.FirstOrDefault(r => r.RepId == turn.User.Id);
        if (mine is null || mine.Open.Count == 0)
        {
            turn.Say("list.empty");
            return;
        }

        turn.Reply(Scheduling.ReviewCards.ForRep(review, mine, turn.Locale, turn.Zone));
    }

    private static void Language(Turn turn, string? value)
    {
        var v = value?.Trim().ToLowerInvariant();
        if (v is not ("zh" or "en" or "cn" or "zh-cn" or "中文" or "english" or "英文"))
        {
            turn.Say("lang.usage");
            return;
        }

        turn.User.ChooseLocale(v is "en" or "english" or "英文" ? Locales.English : Locales.Chinese);
        turn.Say("lang.done");
    }

    private static void TimeZone(Turn turn, string? value)
    {
        if (value is null || !turn.User.SetTimeZone(value))
        {
            turn.Say("tz.usage", value ?? string.Empty);
            return;
        }

        turn.Say("tz.done", turn.User.TimeZoneId);
    }

    private static void Hours(Turn turn, string? value)
    {
        var hours = value is null ? null : WorkingHours.Parse(NameNormalizer.FoldWidth(value));
        if (hours is null)
        {
            turn.Say("hours.usage", value ?? string.Empty);
            return;
        }

        turn.User.SetWorkingHours(hours);
        turn.Say("hours.done", hours.Start.ToString("HH:mm", CultureInfo.InvariantCulture), hours.End.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    private async Task SubscribeAsync(Turn turn, CancellationToken ct)
    {
        if (turn.Message.Kind == ConversationKind.Personal)
        {
            turn.Say("subscribe.personal");
            return;
        }

        if (!turn.User.Manages(turn.User.TeamId))
        {
            turn.Refuse(new Refusal(RefusalCode.ManagerOnly));
            return;
        }

        var team = await TeamAsync(turn.User.TeamId, ct);
        if (team is null)
        {
            team = new Team(turn.User.TeamId, turn.User.TeamId);
            store.Add(team);
            _addedTeam = team;
        }

        team.Subscribe(turn.Message.Address);
        turn.Say("subscribe.done", team.Name);
    }

    private static void Snooze(Turn turn, Opportunity o, int days)
    {
        var until = turn.User.WorkingHours.NextWorkingMoment(turn.Now.AddDays(days), turn.Zone);
        if (o.Snooze(turn.User, until, turn.Now) is { } refusal)
        {
            turn.Refuse(refusal);
            return;
        }

        turn.Say("done.snoozed", o.Number, Messages.When(turn.Locale, until, turn.Zone));
    }

    private static void Pause(Turn turn, Opportunity o, string? untilText, string? reason)
    {
        if (untilText is null || reason is null)
        {
            turn.Show(new Card
            {
                Title = turn.T("pause.title", Messages.DealLabel(o)),
                Inputs =
                [
                    new CardInput("until", turn.T("field.until"), InputType.Text) { Required = true, Placeholder = turn.T("field.nextWhen.hint"), Value = untilText },
                    new CardInput("reason", turn.T("field.reason"), InputType.Text) { Required = true, Value = reason },
                ],
                Actions = [new CardAction(turn.T("action.pause"), Verbs.Pause) { Data = DealCards.Data(o), SubmitsInputs = true }],
            });
            return;
        }

        var parsed = DateExpressionParser.Parse(untilText, turn.Now, turn.Zone);
        if (!parsed.Success)
        {
            turn.Say("date.invalid", untilText);
            return;
        }

        if (o.Pause(turn.User, parsed.Value, reason, turn.Now) is { } refusal)
        {
            turn.Refuse(refusal);
            return;
        }

        turn.Say("done.paused", o.Number, Messages.Day(turn.Locale, parsed.Value, turn.Zone), reason);
    }

    private void Cancel(Turn turn)
    {
        if (turn.Dialog is null)
        {
            turn.Say("cancel.nothing");
            return;
        }

        RemoveDialog(turn);
        turn.Say("cancel.done");
    }

    private void Back(Turn turn)
    {
        if (turn.Dialog is not { Form: FormDialog.Name } dialog)
        {
            turn.Say("back.nothing");
            return;
        }

        if (!FormDialog.Back(dialog, turn.Now + DialogLifetime))
        {
            turn.Say("back.first");
        }

        turn.Reply(FormDialog.Prompt(dialog, turn.Locale));
    }

    private async Task AnswerAsync(Turn turn, string text, CancellationToken ct)
    {
        if (turn.Dialog is not { Form: FormDialog.Name } dialog)
        {
            turn.Say("unknown", text);
            return;
        }

        var submit = FormDialog.Answer(dialog, text, turn.Locale, turn.Now + DialogLifetime);
        if (submit is null)
        {
            turn.Reply(FormDialog.Prompt(dialog, turn.Locale));
            return;
        }

        RemoveDialog(turn);
        await DispatchAsync(turn, ChatCommandParser.Parse(null, submit), ct);
    }
}
