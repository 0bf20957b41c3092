namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>
/// A row of directline_secrets: a random secret created once per installation and shared by every instance, from which
/// the playground derives the key that signs its Direct Line tokens when <c>Playground:TokenKey</c> is not configured.
/// </summary>
public sealed class DirectLineSecret(string name, string value, DateTimeOffset createdAt)
{
    /// <summary>The name of the token-signing secret.</summary>
    public const string TokenKey = "token-key";

    /// <summary>What the secret is for.</summary>
    public string Name { get; private set; } = name;

    /// <summary>The secret, base64.</summary>
    public string Value { get; private set; } = value;

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; } = createdAt;
}
