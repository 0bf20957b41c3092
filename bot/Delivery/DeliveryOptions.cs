using System.ComponentModel.DataAnnotations;

// The parent namespace, not OppBot.Bot.Delivery: a namespace of that name would hide the domain's Delivery type
// from all code under OppBot.Bot (tests included).
namespace OppBot.Bot;

/// <summary>The "Delivery" section: how the outbox is drained.</summary>
public sealed class DeliveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Delivery";

    /// <value>
    /// How often the loop looks at the outbox when nobody pokes it (messages queued by a Teams or WeCom turn, or a row
    /// whose retry time has come). Defaults to 1 second.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <value>Rows claimed at once. Defaults to 20.</value>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    /// <value>
    /// How long a claimed row belongs to this instance; a row whose claimer died is sent by another after that.
    /// Sends are started only while at least a quarter of the lease is left, and a send still running when only an
    /// eighth is left is stopped and retried, so it never overlaps another instance's attempt. Defaults to 60 seconds.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <value>Conversations sent to at the same time (messages of one conversation always go one by one, in order). Defaults to 4.</value>
    [Range(1, 64)]
    public int MaxParallelConversations { get; set; } = 4;

    /// <value>The wait after the first failed send, doubled after each further failure. Defaults to 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <value>The longest wait between two sends of one message (unless the channel asks for longer). Defaults to 10 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <value>A message still failing this long after it was queued is given up on and recorded as failed. Defaults to 1 day.</value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(1);
}
