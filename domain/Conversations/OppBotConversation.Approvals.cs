using OppBot.Domain.Approvals;
using OppBot.Domain.Conversations.Cards;
using OppBot.Domain.Delivery;
using OppBot.Domain.Opportunities;

namespace OppBot.Domain.Conversations;

public sealed partial class OppBotConversation
{
    private async Task RequestApprovalAsync(Turn turn, Opportunity o, StageMove.NeedsApproval needs, CancellationToken ct)
    {
        var approver = await store.GetUserAsync(needs.ApproverId, ct);
        if (approver is null)
        {
            turn.Refuse(new Refusal(RefusalCode.NoApprover));
            return;
        }

        var approval = new Approval(o.Id, o.Number, turn.User.Id, approver.Id, o.StageCode, needs.Target, o.Amount, o.Currency, needs.Reason, turn.Now);
        store.Add(approval);
        var names = await NamesAsync(o.TeamId, ct, o.OwnerId, turn.User.Id, approver.Id);
        var card = ApprovalCards.Build(approval, o, new CardContext(approver.Locale, approver.TimeZone, turn.Now, settings, approver, names));
        if (approver.Addresses.FirstOrDefault() is { } address)
        {
            turn.Send(address, Reply.FromCard(card, approver.Locale), MessagePurpose.ApprovalRequest, attach: m => approval.AttachCard(m.Id));
        }

        turn.Say("approval.requested", o.Number, settings.Pipeline.Get(needs.Target).Name(turn.Locale), approver.DisplayName);
    }

    private async Task DecideAsync(Turn turn, ChatCommand.Decide command, CancellationToken ct)
    {
        var approval = command.ApprovalId == Guid.Empty ? null : await store.GetApprovalAsync(command.ApprovalId, ct);
        var o = approval is null ? null : await store.GetOpportunityAsync(approval.OpportunityId, ct);
        if (approval is null || o is null)
        {
            turn.Say("approval.unknown");
            return;
        }

        var names = await NamesAsync(o.TeamId, ct, approval.RequestedById, approval.ApproverId);
        var decision = approval.Decide(turn.User, command.Approve, command.Comment, turn.Now);
        switch (decision)
        {
            case ApprovalDecision.NotApprover notApprover:
                turn.Refuse(new Refusal(RefusalCode.NotApprover, names.GetValueOrDefault(notApprover.ApproverId, "?")));
                turn.CardUpdate = Reply.FromCard(ApprovalCards.Build(approval, o, turn.Cards(names)), turn.Locale);
                return;
            case ApprovalDecision.AlreadyDecided:
                turn.Say("approval.already", o.Number, Strings.Get(turn.Locale, "approval.status." + approval.Status), names.GetValueOrDefault(approval.DecidedById ?? Guid.Empty, "?"));
                turn.CardUpdate = Reply.FromCard(ApprovalCards.Build(approval, o, turn.Cards(names)), turn.Locale);
                return;
        }

        o.RecordApprovalDecision(approval);
        string outcome;
        if (approval.Status == ApprovalStatus.Approved)
        {
            var move = o.MoveTo(approval.ToStage, turn.User, settings, approval.ApproverId, turn.Now, command.Comment, approved: true);
            outcome = move switch
            {
                StageMove.Moved moved => turn.T("approval.moved", o.Number, settings.Pipeline.Get(moved.To).Name(turn.Locale)),
                StageMove.NeedsFields needs => turn.T("approval.stillMissing", string.Join(turn.T("list.separator"), needs.Missing.Select(m => Messages.Criterion(turn.Locale, m)))),
                StageMove.NotAllowed notAllowed => Messages.Refusal(turn.Locale, notAllowed.Why),
                _ => turn.T("approval.notMoved"),
            };
            if (move is StageMove.Moved done)
            {
                await BroadcastMoveAsync(turn, o, done, ct);
            }
        }
        else
        {
            outcome = turn.T("approval.rejectedNote", o.Number);
        }

        var decided = ApprovalCards.Build(approval, o, turn.Cards(names));
        if (turn.Message.ExpectsCardUpdate)
        {
            turn.CardUpdate = Reply.FromCard(decided, turn.Locale);
        }
        else if (approval.CardMessageId is null)
        {
            // Without an earlier card to update in place, the decision is shown as a new card.
            turn.Show(decided);
        }

        // Everyone else who sees the card gets it updated in place.
        if (approval.CardMessageId is { } original && await store.GetOutgoingAsync(original, ct) is { } sent)
        {
            turn.Send(sent.Address, Reply.FromCard(decided, sent.Reply.Locale), MessagePurpose.CardUpdate, replaces: original);
        }

        turn.Say("approval.decidedYou", outcome);
        if (await store.GetUserAsync(approval.RequestedById, ct) is { } requester && requester.Addresses.FirstOrDefault() is { } requesterAddress)
        {
            var key = approval.Status == ApprovalStatus.Approved ? "approval.toRequester.approved" : "approval.toRequester.rejected";
            var text = Strings.Get(requester.Locale, key, o.Number, turn.User.DisplayName, approval.Comment ?? "—");
            turn.Send(requesterAddress, Reply.FromText(text, requester.Locale), MessagePurpose.Reply);
        }
    }

    private async Task RefreshApprovalAsync(Turn turn, Guid approvalId, CancellationToken ct)
    {
        var approval = approvalId == Guid.Empty ? null : await store.GetApprovalAsync(approvalId, ct);
        var o = approval is null ? null : await store.GetOpportunityAsync(approval.OpportunityId, ct);
        if (approval is null || o is null)
        {
            turn.Say("approval.unknown");
            return;
        }

        var names = await NamesAsync(o.TeamId, ct, approval.RequestedById, approval.ApproverId);
        turn.CardUpdate = Reply.FromCard(ApprovalCards.Build(approval, o, turn.Cards(names)), turn.Locale);
    }
}
