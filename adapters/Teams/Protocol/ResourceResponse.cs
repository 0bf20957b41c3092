namespace OppBot.Adapters.Teams.Protocol;

/// <summary>The connector's answer to a send, reply or update: the activity id (shared/reference §1.3).</summary>
public sealed record ResourceResponse(string? Id);

/// <summary>The connector's answer to a create: the conversation id, and the root activity id for channel posts.</summary>
public sealed record ConversationResourceResponse(string? Id, string? ActivityId = null, string? ServiceUrl = null);
