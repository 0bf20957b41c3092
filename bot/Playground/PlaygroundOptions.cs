using System.ComponentModel.DataAnnotations;

namespace OppBot.Bot.Playground;

/// <summary>The "Playground" section: the local page with Microsoft's Web Chat and the Direct Line endpoint behind it.</summary>
public sealed class PlaygroundOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Playground";

    /// <summary>The command-line switch that seeds the demo team (<c>dotnet run --project bot -- --demo</c>).</summary>
    public const string DemoSwitch = "--demo";

    /// <summary>
    /// Whether the playground is served. Unset (the default): on in local mode (<c>Bot:MicrosoftAppId</c> empty) and then
    /// only to callers on this machine; <c>true</c>: on, to any caller that can reach the host; <c>false</c>: off.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Seeds the demo team's deals, approvals and history into an empty database at start. Defaults to false.</summary>
    public bool Demo { get; set; }

    /// <summary>
    /// The HMAC-SHA256 key of the Direct Line tokens, at least 32 characters. Empty (the default): a random secret
    /// created once and kept in the database, so every instance on that database (and a restarted one) accepts the
    /// same tokens.
    /// </summary>
    public string? TokenKey { get; set; }

    /// <summary>How long a Direct Line token lives. Defaults to 1 hour; 20 minutes to 1 day (Web Chat refreshes every 15 minutes).</summary>
    [Range(typeof(TimeSpan), "00:20:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether the playground is on for this configuration (see <see cref="Enabled"/>).</summary>
    public static bool IsEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return bool.TryParse(configuration[$"{SectionName}:{nameof(Enabled)}"], out var enabled)
            ? enabled
            : string.IsNullOrWhiteSpace(configuration["Bot:MicrosoftAppId"]);
    }

    /// <summary>Whether callers from other machines are served: only when <see cref="Enabled"/> is set to true explicitly.</summary>
    public bool AllowsRemoteCallers => Enabled == true;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(TokenKey) && TokenKey.Length < 32)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(TokenKey)} must be at least 32 characters when set (an HMAC-SHA256 key).", [nameof(TokenKey)]);
        }
    }
}
