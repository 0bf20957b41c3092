using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain.Scheduling;

/// <summary>One rep's part of a weekly review.</summary>
/// <param name="RepId">The rep's id.</param>
/// <param name="Rep">The rep, when known.</param>
/// <param name="Open">The rep's open deals in the team, by number.</param>
/// <param name="Weighted">Σ amount × stage probability of <paramref name="Open"/>.</param>
/// <param name="Won">Deals the rep won in the review period.</param>
/// <param name="AtRisk">How many of <paramref name="Open"/> are stalled, overdue or flagged.</param>
public sealed record RepReview(Guid RepId, SalesRep? Rep, IReadOnlyList<Opportunity> Open, decimal Weighted, IReadOnlyList<Opportunity> Won, int AtRisk);
