namespace OppBot.Domain.Opportunities;

/// <summary>A logged follow-up: a call, a visit, a mail.</summary>
/// <param name="At">When it was logged.</param>
/// <param name="ById">Who logged it.</param>
/// <param name="Note">What happened.</param>
public sealed record FollowUp(DateTimeOffset At, Guid ById, string Note);
