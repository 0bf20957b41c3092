namespace OppBot.Domain.Audit;

/// <summary>One recorded change: who, when, what, old → new.</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="OpportunityId">The deal changed.</param>
/// <param name="ActorId">Who changed it (null for the system).</param>
/// <param name="At">When.</param>
/// <param name="Field">What was changed.</param>
/// <param name="OldValue">The value before.</param>
/// <param name="NewValue">The value after.</param>
public sealed record AuditEntry(Guid Id, Guid OpportunityId, Guid? ActorId, DateTimeOffset At, string Field, string? OldValue, string? NewValue);
