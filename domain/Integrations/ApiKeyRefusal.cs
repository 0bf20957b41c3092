namespace OppBot.Domain.Integrations;

/// <summary>Why an API key was not created or revoked.</summary>
public enum ApiKeyRefusal
{
    /// <summary>Only admins manage keys.</summary>
    AdminOnly,

    /// <summary>The name is not 1–40 of a–z, 0–9, '-', '_', '.'.</summary>
    BadName,

    /// <summary>Keys act as Rep or Manager.</summary>
    BadRole,

    /// <summary>The key was revoked already.</summary>
    AlreadyRevoked,
}
