using Microsoft.Extensions.Caching.Memory;

namespace OppBot.Adapters.Teams;

/// <summary>
/// What <see cref="TeamsSender"/> remembers between calls on this instance: the 1:1 conversation ids Teams returned
/// for users (so a personal address without a conversation id is created once, §2.3). A cache: another instance or a
/// restart simply asks again, which is safe (Teams returns the same 1:1 id). Which parts of a reply went out is not
/// kept here but in the outbox row (<see cref="OppBot.Domain.Delivery.Delivery.PartsDone"/>), where every instance sees it.
/// </summary>
public sealed class TeamsDeliveryMemory : IDisposable
{
    private static readonly TimeSpan ConversationLifetime = TimeSpan.FromDays(1);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    internal string? PersonalConversation(string userKey) =>
        cache.TryGetValue(("personal", userKey), out string? conversationId) ? conversationId : null;

    internal void RememberPersonalConversation(string userKey, string conversationId) =>
        cache.Set(("personal", userKey), conversationId, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = ConversationLifetime });

    internal void ForgetPersonalConversation(string userKey) => cache.Remove(("personal", userKey));

    public void Dispose() => cache.Dispose();
}
