using System.Globalization;
using OppBot.Domain.Approvals;
using OppBot.Domain.Opportunities;

namespace OppBot.Domain.Conversations.Cards;

/// <summary>The approval card: deal summary, requested move, amount, grade with breakdown, recent history, and the decision.</summary>
public static class ApprovalCards
{
    /// <summary>Builds the card as it stands: with Approve/Reject for the approver while pending, with the decision after.</summary>
    public static Card Build(Approval approval, Opportunity o, CardContext c)
    {
        ArgumentNullException.ThrowIfNull(approval);
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(c);
        var pipeline = c.Settings.Pipeline;
        var score = o.Score(c.Settings);
        var facts = new List<CardFact>
        {
            new(c.T("approval.deal"), Messages.DealLabel(o)),
            new(c.T("approval.move"), $"{pipeline.Get(approval.FromStage).Name(c.Locale)} → {pipeline.Get(approval.ToStage).Name(c.Locale)}"),
            new(c.T("field.amount"), Messages.Money(c.Locale, approval.Amount, approval.Currency)),
            new(c.T("approval.reason"), c.T("approval.reason." + approval.Reason, Messages.Money(c.Locale, c.Settings.Approvals.AmountThreshold, c.Settings.DefaultCurrency), c.Settings.Approvals.MaxDiscountPercent)),
            new(c.T("approval.requester"), c.NameOf(approval.RequestedById)),
            new(c.T("card.grade", score.Grade, score.Score.ToString("0.0", CultureInfo.InvariantCulture)), string.Join(" · ", score.Lines.Select(l => $"{Messages.ScoreCriterionName(c.Locale, l.Criterion)} {l.Score}"))),
        };
        var history = o.StageHistory.TakeLast(3).Reverse()
            .Select(h => $"{Messages.When(c.Locale, h.At, c.Zone)} · {(h.From is null ? string.Empty : pipeline.Get(h.From).Name(c.Locale) + " → ")}{pipeline.Get(h.To).Name(c.Locale)}")
            .Concat(o.FollowUps.TakeLast(2).Reverse().Select(f => $"{Messages.When(c.Locale, f.At, c.Zone)} · {f.Note}"))
            .ToList();
        var data = new Dictionary<string, string> { ["approval"] = approval.Id.ToString() };
        var card = new Card
        {
            Title = c.T("approval.title", o.Number),
            Facts = facts,
            Sections = [new CardSection(c.T("approval.history"), history)],
            RefreshVerb = Verbs.RefreshApproval,
            RefreshData = data,
        };

        // Only the approver's own view carries the buttons; everyone else sees who is deciding.
        if (approval.Status == ApprovalStatus.Pending && c.Viewer.Id != approval.ApproverId)
        {
            return card with { Subtitle = c.T("approval.waiting", c.NameOf(approval.ApproverId)) };
        }

        if (approval.Status == ApprovalStatus.Pending)
        {
            return card with
            {
                Subtitle = c.T("approval.waiting", c.NameOf(approval.ApproverId)),
                Inputs = [new CardInput("comment", c.T("field.comment"), InputType.Text) { MaxLength = 1000 }],
                Actions =
                [
                    new CardAction(c.T("action.approve"), Verbs.Approve) { Data = data, Style = ActionStyle.Positive, SubmitsInputs = true },
                    new CardAction(c.T("action.reject"), Verbs.Reject) { Data = data, Style = ActionStyle.Destructive, SubmitsInputs = true },
                ],
            };
        }

        return card with
        {
            Subtitle = c.T(
                "approval.decided",
                c.T("approval.status." + approval.Status),
                c.NameOf(approval.DecidedById),
                approval.DecidedAt is { } at ? Messages.When(c.Locale, at, c.Zone) : "—",
                approval.Comment ?? "—"),
        };
    }
}
