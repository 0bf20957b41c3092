using System.ComponentModel.DataAnnotations;

namespace OppBot.Bot.Webhooks;

/// <summary>The "Webhooks" section: where domain events are posted, and how hard OppBot tries.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Webhooks";

    /// <value>The receivers. Empty (the default): no webhooks.</value>
    public List<WebhookEndpointOptions> Endpoints { get; set; } = [];

    /// <value>How often the sender looks for due deliveries. Defaults to 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <value>Deliveries claimed at once. Defaults to 50.</value>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 50;

    /// <value>How long claimed deliveries belong to this instance (another one takes them after that). Defaults to 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <value>How long one POST may take before it counts as failed. Defaults to 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <value>The wait after the first failed attempt, doubled after each further one. Defaults to 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <value>The longest wait between two attempts. Defaults to 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <value>A delivery still failing this long after its event is given up on (and shown as failed). Defaults to 3 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);

    /// <value>How long delivered rows stay in the delivery log. Defaults to 7 days.</value>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan KeepDeliveredFor { get; set; } = TimeSpan.FromDays(7);
}
