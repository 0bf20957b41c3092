namespace OppBot.Adapters.Teams.Protocol;

/// <summary>The activity types and invoke names OppBot distinguishes (shared/reference §1.2, §4.6).</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string Typing = "typing";

    /// <summary>The invoke Teams sends for <c>Action.Execute</c>.</summary>
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";

    /// <summary>The channel id Teams stamps on every activity.</summary>
    public const string TeamsChannelId = "msteams";
}
