using OppBot.Domain.Conversations;

namespace OppBot.Domain.People;

/// <summary>A sales team: its manager, broadcast channel, review schedule and targets.</summary>
public sealed class Team
{
    private Team()
    {
        Id = string.Empty;
        Name = string.Empty;
        TimeZoneId = SalesRep.DefaultTimeZoneId;
    }

    /// <summary>Creates a team.</summary>
    public Team(string id, string name)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id.Trim();
        Name = string.IsNullOrWhiteSpace(name) ? Id : name.Trim();
    }

    /// <summary>The team's code (e.g. <c>east</c>).</summary>
    public string Id { get; private set; }

    /// <summary>The team's display name.</summary>
    public string Name { get; private set; }

    /// <summary>The manager who approves and reopens; null until configured.</summary>
    public Guid? ManagerId { get; private set; }

    /// <summary>The channel or group chat that gets broadcasts (set with <c>subscribe</c>).</summary>
    public ConversationAddress? BroadcastAddress { get; private set; }

    /// <summary>The team's time zone for the weekly review. Defaults to Asia/Shanghai.</summary>
    public string TimeZoneId { get; private set; }

    /// <summary>The won-amount target per month, if set.</summary>
    public decimal? MonthlyTarget { get; private set; }

    /// <summary>Sets the manager.</summary>
    public void SetManager(Guid managerId) => ManagerId = managerId;

    /// <summary>Makes <paramref name="address"/> the broadcast channel.</summary>
    public void Subscribe(ConversationAddress address) => BroadcastAddress = address ?? throw new ArgumentNullException(nameof(address));

    /// <summary>Updates the settings that come from configuration.</summary>
    public void Configure(string name, string? timeZoneId, decimal? monthlyTarget)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            Name = name.Trim();
        }

        if (TimeZones.TryFind(timeZoneId, out var zone))
        {
            TimeZoneId = zone.Id;
        }

        MonthlyTarget = monthlyTarget is > 0 ? monthlyTarget : null;
    }
}
