using System.ComponentModel;
using OppBot.Domain;
using OppBot.Domain.Analytics;
using OppBot.Domain.Opportunities;
using OppBot.Domain.Scoring;

namespace OppBot.Bot.Api;

/// <summary>A deal as the API shows it.</summary>
internal sealed record OpportunityJson(
    [property: Description("The deal's number (#42 in chat); the id in every URL.")] int Number,
    string Title,
    string Account,
    decimal Amount,
    string Currency,
    decimal? QuotedAmount,
    decimal? DiscountPercent,
    [property: Description("Expo, Referral, Website, SocialMedia, ThirdParty or Other.")] string Source,
    [property: Description("The stage code (lead, qualified, …, won, lost).")] string Stage,
    [property: Description("Open, Won or Lost.")] string Status,
    [property: Description("A, B or C, from the scorecard.")] string Grade,
    decimal Score,
    ScorecardJson Scorecard,
    Guid? OwnerId,
    string TeamId,
    string? ContactName,
    string? ContactEmail,
    string? ContactPhone,
    string? DecisionMaker,
    string? NextStep,
    DateTimeOffset? NextStepDue,
    string? LossReason,
    string? LossNote,
    [property: Description("Amount × stage probability; 0 when closed.")] decimal WeightedAmount,
    [property: Description("Open deals only: the next step's due time, else the stage entry plus the remaining stages' SLAs (never before now).")] DateTimeOffset? ExpectedClose,
    bool Stalled,
    bool Overdue,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset StageEnteredAt,
    IReadOnlyList<StageChangeJson> StageHistory,
    IReadOnlyList<FollowUpJson> FollowUps,
    [property: Description("The optimistic-concurrency version; also the ETag. Send it as If-Match to PATCH or advance.")] int Version)
{
    public static OpportunityJson Of(Opportunity o, DomainSettings settings, DateTimeOffset now)
    {
        var score = o.Score(settings);
        return new OpportunityJson(
            o.Number,
            o.Title,
            o.Account,
            o.Amount,
            o.Currency,
            o.QuotedAmount,
            o.DiscountPercent,
            o.Source.ToString(),
            o.StageCode,
            o.Status.ToString(),
            score.Grade.ToString(),
            score.Score,
            ScorecardJson.Of(o.Scorecard),
            o.OwnerId,
            o.TeamId,
            o.ContactName,
            o.ContactEmail,
            o.ContactPhone,
            o.DecisionMaker,
            o.NextStep,
            o.NextStepDue,
            o.LossReason,
            o.LossNote,
            o.WeightedAmount(settings),
            o.Status == OpportunityStatus.Open ? Forecast.ExpectedClose(o, settings, now) : null,
            o.IsStalled(settings, now),
            o.IsOverdue(now),
            o.CreatedAt,
            o.UpdatedAt,
            o.StageEnteredAt,
            o.StageHistory.Select(h => new StageChangeJson(h.From, h.To, h.At, h.ById, h.Reason)).ToList(),
            o.FollowUps.Select(f => new FollowUpJson(f.At, f.ById, f.Note)).ToList(),
            o.Version);
    }
}

/// <summary>One stage change.</summary>
internal sealed record StageChangeJson(string? From, string To, DateTimeOffset At, Guid? ById, string? Reason);

/// <summary>One follow-up.</summary>
internal sealed record FollowUpJson(DateTimeOffset At, Guid ById, string Note);

/// <summary>The scorecard: four scores 0–10 and the BANT flags. In a request, a missing score is 0 (create) or unchanged (PATCH).</summary>
internal sealed record ScorecardJson(int? CompanySize, int? Urgency, int? DecisionMakerAccess, int? ProductFit, bool? Budget, bool? Authority, bool? Need, bool? Timeline)
{
    public static ScorecardJson Of(Scorecard s) =>
        new(s.CompanySize, s.Urgency, s.DecisionMakerAccess, s.ProductFit, s.Budget, s.Authority, s.Need, s.Timeline);

    /// <summary>This over <paramref name="current"/>: what is given replaces, what is missing stays.</summary>
    public Scorecard Over(Scorecard current) =>
        new(CompanySize ?? current.CompanySize, Urgency ?? current.Urgency, DecisionMakerAccess ?? current.DecisionMakerAccess, ProductFit ?? current.ProductFit)
        {
            Budget = Budget ?? current.Budget,
            Authority = Authority ?? current.Authority,
            Need = Need ?? current.Need,
            Timeline = Timeline ?? current.Timeline,
        };
}

/// <summary>A page of deals. Pass <see cref="NextCursor"/> as <c>cursor</c> for the next page; null on the last.</summary>
internal sealed record OpportunityPage(IReadOnlyList<OpportunityJson> Items, string? NextCursor);

/// <summary>POST /api/v1/opportunities: a new deal, checked as the chat's lead form checks it.</summary>
internal sealed record CreateOpportunityRequest(
    string? Account,
    string? Title,
    [property: Description("The estimated amount, a JSON number (500000, not \"50万\").")] decimal? Amount,
    [property: Description("ISO code; the default currency when absent.")] string? Currency,
    [property: Description("Expo, Referral, Website, SocialMedia, ThirdParty or Other (the default).")] string? Source,
    string? ContactName,
    string? ContactEmail,
    string? ContactPhone,
    string? DecisionMaker,
    [property: Description("Needs nextStepDue.")] string? NextStep,
    DateTimeOffset? NextStepDue,
    ScorecardJson? Scorecard);

/// <summary>PATCH /api/v1/opportunities/{number}: only the fields given change (null or absent: unchanged).</summary>
internal sealed record UpdateOpportunityRequest(
    string? Title,
    string? Account,
    decimal? Amount,
    string? Currency,
    decimal? QuotedAmount,
    decimal? DiscountPercent,
    string? Source,
    string? ContactName,
    string? ContactEmail,
    string? ContactPhone,
    string? DecisionMaker,
    ScorecardJson? Scorecard,
    [property: Description("A new next step; needs nextStepDue.")] string? NextStep,
    DateTimeOffset? NextStepDue);

/// <summary>POST /api/v1/opportunities/{number}/advance; the body may be empty (advance to the next stage).</summary>
internal sealed record AdvanceRequest(
    [property: Description("The stage to move to (code or name); the next stage when absent. One stage back needs a reason.")] string? To,
    string? Reason);

/// <summary>POST /api/v1/opportunities/{number}/follow-ups.</summary>
internal sealed record FollowUpRequest(
    string? Note,
    [property: Description("Optionally the next step; needs nextStepDue.")] string? NextStep,
    DateTimeOffset? NextStepDue);

/// <summary>202 from advance: the move waits for the approver.</summary>
internal sealed record ApprovalRequestedJson(Guid ApprovalId, string Status, int Number, string From, string To, string Reason, Guid ApproverId, string Approver);

/// <summary>One open deal the new one looks like (in the 409 problem's <c>matches</c>).</summary>
internal sealed record DuplicateJson(int Number, string Account, string Title, string TeamId, Guid? OwnerId, string Reason);
