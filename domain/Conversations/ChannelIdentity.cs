namespace OppBot.Domain.Conversations;

/// <summary>A user's identity on one channel: the Teams AAD object id, a WeCom userid, ...</summary>
/// <param name="Channel">The channel name (<c>teams</c>, <c>wecom</c>, <c>directline</c>).</param>
/// <param name="ExternalId">The id the channel gives the user.</param>
public sealed record ChannelIdentity(string Channel, string ExternalId);
