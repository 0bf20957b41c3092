namespace OppBot.Domain.Opportunities;

/// <summary>One entry of a deal's stage history.</summary>
/// <param name="From">The stage left (null for creation).</param>
/// <param name="To">The stage entered.</param>
/// <param name="At">When.</param>
/// <param name="ById">Who moved it.</param>
/// <param name="Reason">Why (required when moving back).</param>
public sealed record StageChange(string? From, string To, DateTimeOffset At, Guid? ById, string? Reason);
