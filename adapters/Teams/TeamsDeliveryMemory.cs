using Microsoft.Extensions.Caching.Memory;

namespace OppBot.Adapters.Teams;

/// <summary>
/// What <see cref="TeamsSender"/> remembers between calls on this instance: which parts of a multi-activity
/// delivery already went out (so a retried delivery does not post its text twice), and the 1:1 conversation
/// ids Teams returned for users (so a personal address without a conversation id is created once, §2.3).
/// Best effort: another instance or a restart simply starts over, which is safe (Teams returns the same 1:1 id).
/// </summary>
public sealed class TeamsDeliveryMemory : IDisposable
{
    private static readonly TimeSpan PartsLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan ConversationLifetime = TimeSpan.FromDays(1);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    internal bool TryGetSentPart(Guid deliveryId, int part, out string? activityId) =>
        cache.TryGetValue(("part", deliveryId, part), out activityId);

    internal void RememberSentPart(Guid deliveryId, int part, string? activityId) =>
        cache.Set(("part", deliveryId, part), activityId, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = PartsLifetime });

    internal void ForgetParts(Guid deliveryId, int parts)
    {
        for (var part = 0; part < parts; part++)
        {
            cache.Remove(("part", deliveryId, part));
        }
    }

    internal string? PersonalConversation(string userKey) =>
        cache.TryGetValue(("personal", userKey), out string? conversationId) ? conversationId : null;

    internal void RememberPersonalConversation(string userKey, string conversationId) =>
        cache.Set(("personal", userKey), conversationId, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = ConversationLifetime });

    internal void ForgetPersonalConversation(string userKey) => cache.Remove(("personal", userKey));

    public void Dispose() => cache.Dispose();
}
