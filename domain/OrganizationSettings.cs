using OppBot.Domain.People;

namespace OppBot.Domain;

/// <summary>
/// Who is who, from configuration: the teams, and the people whose role and team are set in advance.
/// Everyone else becomes a rep of <see cref="DefaultTeamId"/> on first contact.
/// </summary>
public sealed record OrganizationSettings
{
    /// <summary>The team of people not listed. Defaults to <c>sales</c>.</summary>
    public string DefaultTeamId { get; init; } = "sales";

    /// <summary>Configured teams.</summary>
    public IReadOnlyList<TeamSettings> Teams { get; init; } = [];

    /// <summary>Configured people.</summary>
    public IReadOnlyList<PersonSettings> People { get; init; } = [];

    /// <summary>The defaults: one team, everyone a rep.</summary>
    public static OrganizationSettings Default { get; } = new();

    /// <summary>The configured role and team for a channel identity, if any.</summary>
    public PersonSettings? Find(string channel, string externalId) =>
        People.FirstOrDefault(p => p.Channel.Equals(channel, StringComparison.OrdinalIgnoreCase) && p.ExternalId == externalId);

    /// <summary>Problems naming the configuration key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DefaultTeamId))
        {
            problems.Add("Organization:DefaultTeamId is required");
        }

        for (var i = 0; i < Teams.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Teams[i].Id))
            {
                problems.Add($"Organization:Teams:{i}:Id is required");
            }

            if (Teams[i].TimeZoneId is { } zone && !TimeZones.TryFind(zone, out _))
            {
                problems.Add($"Organization:Teams:{i}:TimeZoneId '{zone}' is not a known IANA time zone");
            }
        }

        for (var i = 0; i < People.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(People[i].Channel) || string.IsNullOrWhiteSpace(People[i].ExternalId))
            {
                problems.Add($"Organization:People:{i} needs Channel and ExternalId");
            }

            if (People[i].MonthlyTarget is < 0)
            {
                problems.Add($"Organization:People:{i}:MonthlyTarget must not be negative (was {People[i].MonthlyTarget})");
            }
        }

        return problems;
    }
}

/// <summary>A configured team.</summary>
public sealed record TeamSettings
{
    /// <summary>The team code.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The display name.</summary>
    public string? Name { get; init; }

    /// <summary>IANA time zone of the weekly review. Defaults to Asia/Shanghai.</summary>
    public string? TimeZoneId { get; init; }

    /// <summary>Monthly won-amount target.</summary>
    public decimal? MonthlyTarget { get; init; }
}

/// <summary>A configured person: the role and team of a channel identity.</summary>
public sealed record PersonSettings
{
    /// <summary>teams, wecom or directline.</summary>
    public string Channel { get; init; } = string.Empty;

    /// <summary>The id on that channel (AAD object id, WeCom userid).</summary>
    public string ExternalId { get; init; } = string.Empty;

    /// <summary>The role. Defaults to rep.</summary>
    public Role Role { get; init; } = Role.Rep;

    /// <summary>The team; the default team when empty.</summary>
    public string? TeamId { get; init; }

    /// <summary>The person's monthly won-amount target, if any (the leaderboard measures against it).</summary>
    public decimal? MonthlyTarget { get; init; }
}
