namespace OppBot.Bot.Webhooks;

/// <summary>One receiver of webhooks (an item of <c>Webhooks:Endpoints</c>).</summary>
public sealed class WebhookEndpointOptions
{
    /// <value>A unique name, shown in the delivery log (<c>erp</c>). Required.</value>
    public string Name { get; set; } = string.Empty;

    /// <value>The absolute http(s) URL events are POSTed to. Required.</value>
    public string Url { get; set; } = string.Empty;

    /// <value>The shared secret the signature is made with; at least 16 characters. Required; set it in an environment variable.</value>
    public string Secret { get; set; } = string.Empty;

    /// <value>
    /// The events wanted (<c>opportunity.created</c>, <c>opportunity.stage_changed</c>, <c>opportunity.won</c>,
    /// <c>opportunity.lost</c>, <c>approval.decided</c>, <c>follow_up.logged</c>; or the part after the dot). Empty: all of them.
    /// </value>
    public List<string> Events { get; set; } = [];
}
