using OppBot.Domain.Delivery;
using OppBot.Domain.People;

namespace OppBot.Domain.Conversations;

/// <summary>
/// The channel-neutral conversation core: a message in, replies out. The change, the dedupe mark and the replies
/// (queued in the outbox) are saved in one transaction; a retried message is handled once.
/// </summary>
/// <param name="store">The unit of work for this turn.</param>
/// <param name="settings">The business settings.</param>
/// <param name="organization">Teams and configured people.</param>
/// <param name="clock">The clock.</param>
public sealed partial class OppBotConversation(IOppBotStore store, DomainSettings settings, OrganizationSettings organization, TimeProvider clock)
{
    /// <summary>How long an abandoned step-by-step dialog lives. Defaults to 30 minutes.</summary>
    public TimeSpan DialogLifetime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Deals per page in lists.</summary>
    public const int PageSize = 10;

    /// <summary>Handles one turn. Retried messages (same <see cref="IncomingMessage.DedupeKey"/>) are handled once.</summary>
    public async Task<TurnResult> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await store.WasProcessedAsync(message.DedupeKey, cancellationToken))
        {
            return TurnResult.Retried;
        }

        var now = clock.GetUtcNow();
        var known = await store.FindUserAsync(message.From, cancellationToken) is not null;
        var user = await IdentifyAsync(message, now, cancellationToken);
        var turn = new Turn(message, user, now, settings);
        try
        {
            if (message.IsInstall)
            {
                // WeCom reports every opening of the app as enter_agent: greet people once, and every new team or group.
                if (!known || message.Kind != ConversationKind.Personal)
                {
                    turn.Reply(Welcome(turn));
                }
            }
            else
            {
                await RunAsync(turn, cancellationToken);
            }

            return await CommitAsync(turn, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Someone changed the same deal meanwhile: nothing of this turn was saved. Say so, and save only that.
            store.DiscardChanges();
            var retry = new Turn(message, user, now, settings);
            retry.Reply(Reply.FromText(retry.T("conflict"), retry.Locale));
            return await CommitAsync(retry, cancellationToken);
        }
        catch (DuplicateMessageException)
        {
            return TurnResult.Retried;
        }
    }

    private async Task RunAsync(Turn turn, CancellationToken cancellationToken)
    {
        var key = DialogKey(turn.Message, turn.User);
        var dialog = await store.GetDialogAsync(key, cancellationToken);
        if (dialog is not null && dialog.ExpiresAt <= turn.Now)
        {
            store.Remove(dialog);
            dialog = null;
        }

        turn.Dialog = dialog;
        var stepByStep = dialog?.Form == FormDialog.Name;
        var command = ChatCommandParser.Parse(turn.Message.Text, turn.Message.Submit, inDialog: stepByStep);
        await DispatchAsync(turn, command, cancellationToken);
    }

    private async Task<TurnResult> CommitAsync(Turn turn, CancellationToken cancellationToken)
    {
        var message = turn.Message;
        var queued = new List<Reply>();
        Reply? cardUpdate = turn.CardUpdate;
        foreach (var reply in turn.Replies)
        {
            if (!message.SupportsForms && FormDialog.FindForm(reply) is { } form)
            {
                // A channel without form inputs gets the form one question at a time.
                var prompt = StartStepByStep(turn, form.Card, form.Submit);
                queued.Add(reply.Cards.Count > 1 || reply.Text is not null ? reply with { Cards = reply.Cards.Where(c => c != form.Card).ToList() } : prompt);
                if (!ReferenceEquals(queued[^1], prompt))
                {
                    queued.Add(prompt);
                }

                continue;
            }

            if (message.ExpectsCardUpdate && cardUpdate is null && reply.Cards.Count > 0)
            {
                // Card actions on Teams answer in place: the first card replaces the one clicked.
                cardUpdate = reply;
                continue;
            }

            queued.Add(reply);
        }

        foreach (var reply in queued.Where(r => r.Text is not null || r.Cards.Count > 0))
        {
            store.Enqueue(new OutgoingMessage(message.Address, reply, MessagePurpose.Reply, turn.Now));
        }

        foreach (var (address, reply, purpose, replaces, attach) in turn.Outgoing)
        {
            var outgoing = new OutgoingMessage(address, reply, purpose, turn.Now);
            if (replaces is { } earlier)
            {
                outgoing.Replacing(earlier);
            }

            attach?.Invoke(outgoing);
            store.Enqueue(outgoing);
        }

        store.MarkProcessed(message.DedupeKey, turn.Now);
        await store.SaveChangesAsync(cancellationToken);
        return new TurnResult(queued, cardUpdate, Duplicate: false);
    }

    private Reply StartStepByStep(Turn turn, Card card, CardAction submit)
    {
        var key = DialogKey(turn.Message, turn.User);
        var dialog = FormDialog.Start(key, turn.User.Id, card, submit, turn.Now + DialogLifetime);
        if (turn.Dialog is not null)
        {
            store.Remove(turn.Dialog);
        }

        turn.Dialog = dialog;
        store.Add(dialog);
        return FormDialog.Prompt(dialog, turn.Locale);
    }

    // A team created earlier in this turn is not visible to queries until the turn is saved.
    private Team? _addedTeam;

    private async Task<Team?> TeamAsync(string id, CancellationToken cancellationToken) =>
        await store.GetTeamAsync(id, cancellationToken) ?? (_addedTeam?.Id == id ? _addedTeam : null);

    private static string DialogKey(IncomingMessage message, SalesRep user) => $"{user.Id:N}|{message.Address.Channel}:{message.Address.Key}";

    private async Task<SalesRep> IdentifyAsync(IncomingMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var user = await store.FindUserAsync(message.From, cancellationToken);
        if (user is null)
        {
            var configured = organization.Find(message.From.Channel, message.From.ExternalId);
            var teamId = string.IsNullOrWhiteSpace(configured?.TeamId) ? organization.DefaultTeamId : configured.TeamId!;
            user = new SalesRep(string.IsNullOrWhiteSpace(message.DisplayName) ? message.From.ExternalId : message.DisplayName, configured?.Role ?? Role.Rep, teamId, message.Locale, now);
            user.LinkIdentity(message.From);
            store.Add(user);
            var team = await store.GetTeamAsync(teamId, cancellationToken);
            if (team is null)
            {
                var teamSettings = organization.Teams.FirstOrDefault(t => t.Id == teamId);
                team = new Team(teamId, teamSettings?.Name ?? teamId);
                team.Configure(teamSettings?.Name ?? teamId, teamSettings?.TimeZoneId, teamSettings?.MonthlyTarget);
                store.Add(team);
                _addedTeam = team;
            }

            if (user.Role == Role.Manager && team.ManagerId is null)
            {
                team.SetManager(user.Id);
            }
        }
        else
        {
            user.Rename(message.DisplayName);
            user.ObserveChannelLocale(message.Locale);
        }

        if (message.PersonalAddress is { } personal)
        {
            user.RememberAddress(personal);
        }
        else if (message.Kind == ConversationKind.Personal)
        {
            user.RememberAddress(message.Address);
        }

        return user;
    }
}
