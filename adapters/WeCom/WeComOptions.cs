using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OppBot.Adapters.WeCom;

/// <summary>
/// The "WeCom" section: one self-built app (自建应用) of one corp, plus optional group robots.
/// WeCom is off when <see cref="CorpId"/> is empty: no endpoint is mapped and no sender is registered.
/// Secrets (<see cref="Secret"/>, <see cref="Token"/>, <see cref="EncodingAESKey"/>, robot keys) come from
/// environment variables or user-secrets (<c>WeCom__Secret</c>), never from appsettings.json.
/// </summary>
public sealed class WeComOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "WeCom";

    /// <summary>The corp id (<c>ww</c> + 16 hex). Also the receiveid every callback must carry. Empty = WeCom off.</summary>
    public string? CorpId { get; set; }

    /// <summary>The app's AgentID, e.g. 1000002. Required when WeCom is on.</summary>
    public int AgentId { get; set; }

    /// <summary>The app secret, used only for gettoken. Required when WeCom is on.</summary>
    public string? Secret { get; set; }

    /// <summary>The callback Token (letters and digits, at most 32; shared/reference/wecom.md §0).</summary>
    public string? Token { get; set; }

    /// <summary>The callback EncodingAESKey: 43 characters, Base64 of the 32-byte AES key without the trailing "=".</summary>
    public string? EncodingAESKey { get; set; }

    /// <summary>The API host. Defaults to https://qyapi.weixin.qq.com; tests point it at a local fake.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://qyapi.weixin.qq.com");

    /// <summary>The group-robot webhook host. Defaults to the API host.</summary>
    [Required]
    public Uri RobotBaseUrl { get; set; } = new("https://qyapi.weixin.qq.com");

    /// <summary>
    /// Team id → webhook key of the group robot ("消息推送") that posts to that team's group.
    /// Addresses name the team (<c>robot:{teamId}</c>); the key is a credential and stays here.
    /// </summary>
    public Dictionary<string, string> RobotWebhooks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Messages per minute per robot. Defaults to 20, WeCom's limit (reference §5.5).</summary>
    [Range(1, 20)]
    public int RobotMessagesPerMinute { get; set; } = 20;

    /// <summary>
    /// App messages per minute per member. Defaults to 30, WeCom's limit; WeCom drops the excess
    /// without an error (reference §5.6), so the sender paces itself instead.
    /// </summary>
    [Range(1, 30)]
    public int MessagesPerUserPerMinute { get; set; } = 30;

    /// <summary>How far a callback's timestamp may be from our clock. Defaults to 5 minutes (reference §7.11).</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest callback body accepted. Defaults to 64 KB; real callbacks are a few KB.</summary>
    [Range(4 * 1024, 1024 * 1024)]
    public int MaxCallbackBytes { get; set; } = 64 * 1024;

    /// <summary>Retries of a call WeCom answered with 45009/45033/-1 before reporting RetryLater. Defaults to 2.</summary>
    [Range(0, 5)]
    public int ThrottleRetries { get; set; } = 2;

    /// <summary>First back-off after a throttled call, doubled on each retry. Defaults to 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan ThrottleBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After gettoken refused our credentials (40001, 40013, 40091, 60020) we do not call it again for this long:
    /// repeated wrong-secret calls get the server's IP banned for an hour (reference §5.1). Defaults to 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan TokenFailureBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether WeCom is configured at all.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CorpId);
}

/// <summary>Checks the values that depend on each other; every problem names its key.</summary>
internal sealed class WeComOptionsValidator : IValidateOptions<WeComOptions>
{
    public ValidateOptionsResult Validate(string? name, WeComOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        const string Prefix = WeComOptions.SectionName + ":";

        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add($"{Prefix}Token is required when {Prefix}CorpId is set.");
        }
        else if (options.Token.Length > 32 || !options.Token.All(char.IsAsciiLetterOrDigit))
        {
            failures.Add($"{Prefix}Token must be at most 32 letters or digits.");
        }

        if (string.IsNullOrWhiteSpace(options.EncodingAESKey))
        {
            failures.Add($"{Prefix}EncodingAESKey is required when {Prefix}CorpId is set.");
        }
        else if (!WeComCrypto.TryParseKey(options.EncodingAESKey, out _))
        {
            failures.Add($"{Prefix}EncodingAESKey must be 43 Base64 characters that decode (with \"=\" appended) to 32 bytes.");
        }

        if (string.IsNullOrWhiteSpace(options.Secret))
        {
            failures.Add($"{Prefix}Secret is required when {Prefix}CorpId is set.");
        }

        if (options.AgentId <= 0)
        {
            failures.Add($"{Prefix}AgentId is required when {Prefix}CorpId is set (a positive number such as 1000002).");
        }

        if (options.CorpId!.Contains('|', StringComparison.Ordinal) || options.CorpId.Trim() != options.CorpId)
        {
            failures.Add($"{Prefix}CorpId must not contain spaces or '|'.");
        }

        foreach (var (team, key) in options.RobotWebhooks)
        {
            if (string.IsNullOrWhiteSpace(team) || team.Contains('|', StringComparison.Ordinal))
            {
                failures.Add($"{Prefix}RobotWebhooks: team id '{team}' must be non-empty and must not contain '|'.");
            }

            if (string.IsNullOrWhiteSpace(key))
            {
                failures.Add($"{Prefix}RobotWebhooks:{team} needs the robot's webhook key.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
