namespace OppBot.Domain.Conversations;

/// <summary>The verbs card buttons carry. Stable: they travel through channels and come back.</summary>
public static class Verbs
{
#pragma warning disable CS1591 // The names say what they are.
    public const string Help = "help";
    public const string NewLead = "lead.new";
    public const string SubmitLead = "lead.submit";
    public const string CreateAnyway = "lead.createAnyway";
    public const string Join = "lead.join";
    public const string MyDeals = "deals.mine";
    public const string TeamDeals = "deals.team";
    public const string Show = "deal.show";
    public const string Log = "deal.log";
    public const string Next = "deal.next";
    public const string Advance = "deal.advance";
    public const string MoveBack = "deal.back";
    public const string Won = "deal.won";
    public const string Lost = "deal.lost";
    public const string Reopen = "deal.reopen";
    public const string Pool = "pool";
    public const string Claim = "deal.claim";
    public const string Release = "deal.release";
    public const string Pipeline = "pipeline";
    public const string Review = "review";
    public const string Report = "report";
    public const string Approve = "approval.approve";
    public const string Reject = "approval.reject";
    public const string RefreshApproval = "approval.refresh";
    public const string Snooze = "deal.snooze";
    public const string Pause = "deal.pause";
    public const string Answer = "form.answer";
    public const string Cancel = "cancel";
    public const string Back = "back";
#pragma warning restore CS1591
}
