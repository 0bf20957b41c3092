using OppBot.Domain.People;

namespace OppBot.Domain.Integrations;

/// <summary>What happened when an admin asked for a new API key.</summary>
public abstract record ApiKeyIssue
{
    private ApiKeyIssue()
    {
    }

    /// <summary>The key was made: store <paramref name="Key"/> and <paramref name="ActsAs"/>, show <paramref name="PlainKey"/> once.</summary>
    public sealed record Issued(ApiKey Key, SalesRep ActsAs, string PlainKey) : ApiKeyIssue;

    /// <summary>No key was made.</summary>
    public sealed record Refused(ApiKeyRefusal Why) : ApiKeyIssue;
}
