using OppBot.Domain.People;

namespace OppBot.Domain.Conversations.Cards;

/// <summary>What every card needs to speak to its reader: language, time zone, now, settings and people's names.</summary>
/// <param name="Locale">The reader's locale.</param>
/// <param name="Zone">The reader's time zone.</param>
/// <param name="Now">The current time.</param>
/// <param name="Settings">The business settings.</param>
/// <param name="Viewer">Who reads it.</param>
/// <param name="Names">Display names of the people involved, by id.</param>
public sealed record CardContext(string Locale, TimeZoneInfo Zone, DateTimeOffset Now, DomainSettings Settings, SalesRep Viewer, IReadOnlyDictionary<Guid, string> Names)
{
    /// <summary>A sentence in the reader's language.</summary>
    public string T(string key, params object?[] args) => Strings.Get(Locale, key, args);

    /// <summary>A person's name, or "—" / the pool for nobody.</summary>
    public string NameOf(Guid? id) => id is { } value && Names.TryGetValue(value, out var name) ? name : T("pool.nobody");
}
