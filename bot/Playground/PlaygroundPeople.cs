using System.Globalization;
using OppBot.Domain.Conversations;
using OppBot.Domain.People;

namespace OppBot.Bot.Playground;

/// <summary>One of the people the playground lets you be.</summary>
/// <param name="Id">The Direct Line user id (the <see cref="ChannelIdentity.ExternalId"/> on channel <c>directline</c>).</param>
/// <param name="Name">The display name Web Chat sends.</param>
/// <param name="Role">The role configured for them.</param>
/// <param name="Locale">The locale their Web Chat runs in.</param>
/// <param name="MonthlyTarget">Their monthly won-amount target, in yuan.</param>
public sealed record Persona(string Id, string Name, Role Role, string Locale, decimal MonthlyTarget)
{
    /// <summary>The id of their one-to-one Direct Line conversation with OppBot (the same one every time).</summary>
    public string ChatId => "pg-" + Id;

    /// <summary>Their personal address, as OppBot stores it for nudges and approval cards.</summary>
    public ConversationAddress ChatAddress => new(DirectLineSender.ChannelName, ChatId);

    /// <summary>Their identity on the Direct Line channel.</summary>
    public ChannelIdentity Identity => new(DirectLineSender.ChannelName, Id);
}

/// <summary>
/// The demo team of the playground: two reps and a manager. <see cref="DemoTeam"/> writes them to the database when
/// someone first opens the playground; with <c>--demo</c> they are also configured in <c>Organization</c> (team, roles,
/// monthly targets for the reports) and get two months of deals (<see cref="DemoSeed"/>).
/// </summary>
public static class PlaygroundPeople
{
    /// <summary>The demo team's id.</summary>
    public const string TeamId = "demo";

    /// <summary>The demo team's name.</summary>
    public const string TeamName = "华东销售一组 East China Sales";

    /// <summary>The team's time zone.</summary>
    public const string TimeZoneId = "Asia/Shanghai";

    /// <summary>The team's monthly won-amount target, in yuan.</summary>
    public const decimal TeamMonthlyTarget = 6_000_000m;

    /// <summary>The id of the team channel's Direct Line conversation, the team's broadcast address once subscribed.</summary>
    public const string TeamChannelId = "pg-team-" + TeamId;

    /// <summary>The team channel's address.</summary>
    public static ConversationAddress TeamChannelAddress { get; } = new(DirectLineSender.ChannelName, TeamChannelId);

    /// <summary>Rep 1 (Chinese), rep 2 (English), the manager (Chinese).</summary>
    public static IReadOnlyList<Persona> All { get; } =
    [
        new("demo-rep-1", "李雷", Role.Rep, "zh-CN", 2_500_000m),
        new("demo-rep-2", "韩梅梅", Role.Rep, "en-US", 2_500_000m),
        new("demo-manager", "王芳", Role.Manager, "zh-CN", 1_000_000m),
    ];

    /// <summary>The persona with this user id, or null.</summary>
    public static Persona? Find(string? id) => All.FirstOrDefault(p => p.Id == id);

    /// <summary>
    /// The <c>Organization</c> entries for the demo team and its people, appended after what is configured already
    /// (configuration arrays are indexed), and skipped for anything configured explicitly.
    /// </summary>
    public static Dictionary<string, string?> OrganizationEntries(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var entries = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var teams = configuration.GetSection("Organization:Teams").GetChildren().ToList();
        if (!teams.Any(t => t["Id"] == TeamId))
        {
            var key = $"Organization:Teams:{NextIndex(teams)}";
            entries[$"{key}:Id"] = TeamId;
            entries[$"{key}:Name"] = TeamName;
            entries[$"{key}:TimeZoneId"] = TimeZoneId;
            entries[$"{key}:MonthlyTarget"] = TeamMonthlyTarget.ToString(CultureInfo.InvariantCulture);
        }

        var people = configuration.GetSection("Organization:People").GetChildren().ToList();
        var next = NextIndex(people);
        foreach (var persona in All)
        {
            if (people.Any(p => string.Equals(p["Channel"], DirectLineSender.ChannelName, StringComparison.OrdinalIgnoreCase) && p["ExternalId"] == persona.Id))
            {
                continue;
            }

            var key = $"Organization:People:{next++}";
            entries[$"{key}:Channel"] = DirectLineSender.ChannelName;
            entries[$"{key}:ExternalId"] = persona.Id;
            entries[$"{key}:Role"] = persona.Role.ToString();
            entries[$"{key}:TeamId"] = TeamId;
            entries[$"{key}:MonthlyTarget"] = persona.MonthlyTarget.ToString(CultureInfo.InvariantCulture);
        }

        return entries;
    }

    private static int NextIndex(List<IConfigurationSection> items) =>
        items.Select(s => int.TryParse(s.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i + 1 : 0).DefaultIfEmpty(0).Max();
}
