namespace OppBot.Adapters.Teams.Protocol;

/// <summary>The body of <c>POST v3/conversations</c> (shared/reference §2.3).</summary>
public sealed record ConversationParameters
{
    public bool? IsGroup { get; init; }

    public ChannelAccount? Bot { get; init; }

    public IReadOnlyList<ChannelAccount>? Members { get; init; }

    public string? TenantId { get; init; }

    public Activity? Activity { get; init; }

    public TeamsChannelData? ChannelData { get; init; }
}
