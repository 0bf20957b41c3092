using OppBot.Domain.Conversations;

namespace OppBot.Domain.People;

/// <summary>
/// A person who uses OppBot: a rep, a manager or an admin. Created on first contact; roles and teams are
/// set by configuration or by an admin.
/// </summary>
public sealed class SalesRep
{
    private readonly List<ChannelIdentity> _identities = [];
    private readonly List<ConversationAddress> _addresses = [];

    private SalesRep()
    {
        DisplayName = string.Empty;
        TeamId = string.Empty;
        Locale = Locales.Chinese;
        TimeZoneId = DefaultTimeZoneId;
        WorkingHours = WorkingHours.Default;
    }

    /// <summary>Creates a person.</summary>
    public SalesRep(string displayName, Role role, string teamId, string? locale, DateTimeOffset now)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        Id = Guid.NewGuid();
        DisplayName = displayName.Trim();
        Role = role;
        TeamId = teamId;
        Locale = Locales.Normalize(locale);
        CreatedAt = now;
    }

    /// <summary>The default time zone: Asia/Shanghai.</summary>
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    /// <summary>The internal id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The name shown to others.</summary>
    public string DisplayName { get; private set; }

    /// <summary>What the person may do.</summary>
    public Role Role { get; private set; }

    /// <summary>The team the person belongs to.</summary>
    public string TeamId { get; private set; }

    /// <summary><c>zh-CN</c> or <c>en</c>.</summary>
    public string Locale { get; private set; }

    /// <summary>True once the person chose a language with <c>lang</c>: the channel's locale is then ignored.</summary>
    public bool LocaleChosen { get; private set; }

    /// <summary>IANA time zone. Defaults to Asia/Shanghai.</summary>
    public string TimeZoneId { get; private set; }

    /// <summary>When the person may be nudged.</summary>
    public WorkingHours WorkingHours { get; private set; }

    /// <summary>When the person first talked to OppBot.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>One identity per channel.</summary>
    public IReadOnlyList<ChannelIdentity> Identities => _identities;

    /// <summary>Personal-chat addresses, one per channel, for proactive messages.</summary>
    public IReadOnlyList<ConversationAddress> Addresses => _addresses;

    /// <summary>The person's time zone (falls back to Asia/Shanghai when the id is unknown on this machine).</summary>
    public TimeZoneInfo TimeZone => TimeZones.FindOrDefault(TimeZoneId);

    /// <summary>Whether the person has the manager's powers over <paramref name="teamId"/>.</summary>
    public bool Manages(string teamId) => Role == Role.Admin || (Role == Role.Manager && TeamId == teamId);

    /// <summary>Links a channel identity (one per channel; a new one replaces the old).</summary>
    public void LinkIdentity(ChannelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        _identities.RemoveAll(i => i.Channel == identity.Channel);
        _identities.Add(identity);
    }

    /// <summary>Remembers where to reach the person on a channel.</summary>
    /// <returns>True when the address changed.</returns>
    public bool RememberAddress(ConversationAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (_addresses.Contains(address))
        {
            return false;
        }

        _addresses.RemoveAll(a => a.Channel == address.Channel);
        _addresses.Add(address);
        return true;
    }

    /// <summary>Takes the channel's locale unless the person chose one.</summary>
    public void ObserveChannelLocale(string? locale)
    {
        if (!LocaleChosen && !string.IsNullOrWhiteSpace(locale))
        {
            Locale = Locales.Normalize(locale);
        }
    }

    /// <summary>Sets the language explicitly (<c>lang zh</c>).</summary>
    public void ChooseLocale(string locale)
    {
        Locale = Locales.Normalize(locale);
        LocaleChosen = true;
    }

    /// <summary>Sets the time zone; false when the id is not a known IANA zone.</summary>
    public bool SetTimeZone(string timeZoneId)
    {
        if (!TimeZones.TryFind(timeZoneId, out var zone))
        {
            return false;
        }

        TimeZoneId = zone.Id;
        return true;
    }

    /// <summary>Sets the working hours.</summary>
    public void SetWorkingHours(WorkingHours hours) => WorkingHours = hours ?? throw new ArgumentNullException(nameof(hours));

    /// <summary>Changes role and team (configuration or an admin).</summary>
    public void Assign(Role role, string teamId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        Role = role;
        TeamId = teamId;
    }

    /// <summary>Updates the display name the channel reports.</summary>
    public void Rename(string displayName)
    {
        if (!string.IsNullOrWhiteSpace(displayName))
        {
            DisplayName = displayName.Trim();
        }
    }
}
