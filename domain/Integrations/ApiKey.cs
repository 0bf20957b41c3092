using System.Security.Cryptography;
using System.Text;
using OppBot.Domain.Conversations;
using OppBot.Domain.People;

namespace OppBot.Domain.Integrations;

/// <summary>
/// A per-integration key for the REST API (an ERP, an OA system, a spreadsheet script). The key reads
/// <c>opb_{lookup}_{secret}</c>: <see cref="Lookup"/> (12 hex digits) is stored as it is and finds the row; the whole
/// key is stored only as SHA-256 over a random per-key salt and the key (<see cref="Hash"/>), so a copy of the database
/// does not give working keys. The plain key exists once, in what <see cref="Issue"/> returns.
/// <para>
/// Each key acts as a person of its own, <see cref="UserId"/>: a <see cref="SalesRep"/> named "API {name}" created
/// with the key, with the key's role and team and the channel identity <c>api/{lookup}</c>. So the visibility and edit
/// rules of chat apply unchanged (a Rep key reads its team's deals and edits the deals it created; a Manager key
/// edits its team's deals), deals created through the API are owned by that person, and the history says which
/// integration did what. Keys are Rep or Manager, never Admin: an integration gets one team, and an admin person
/// could be picked as an approver.
/// </para>
/// </summary>
public sealed class ApiKey
{
    /// <summary>What every key starts with.</summary>
    public const string Prefix = "opb_";

    /// <summary>The longest key name.</summary>
    public const int MaxNameLength = 40;

    /// <summary>The channel of the people keys act as.</summary>
    public const string Channel = "api";

    private const int LookupBytes = 6;
    private const int SecretBytes = 32;
    private const int SaltBytes = 16;

    private ApiKey()
    {
        Name = string.Empty;
        Lookup = string.Empty;
        Salt = string.Empty;
        Hash = string.Empty;
        TeamId = string.Empty;
    }

    /// <summary>The id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The integration's name, unique among keys not revoked (lower-case letters, digits, '-', '_', '.').</summary>
    public string Name { get; private set; }

    /// <summary>The public part of the key (12 hex digits) that finds it.</summary>
    public string Lookup { get; private set; }

    /// <summary>The random salt, base64.</summary>
    public string Salt { get; private set; }

    /// <summary>SHA-256 over the salt and the whole key, base64.</summary>
    public string Hash { get; private set; }

    /// <summary>The role the key acts with: Rep or Manager.</summary>
    public Role Role { get; private set; }

    /// <summary>The team the key acts in.</summary>
    public string TeamId { get; private set; }

    /// <summary>The person the key acts as.</summary>
    public Guid UserId { get; private set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The admin who created it.</summary>
    public Guid CreatedById { get; private set; }

    /// <summary>When it was revoked; null while it works.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>The admin who revoked it.</summary>
    public Guid? RevokedById { get; private set; }

    /// <summary>The optimistic concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>Whether the key still works.</summary>
    public bool IsActive => RevokedAt is null;

    /// <summary>How the key is shown in lists: the prefix and lookup, never the secret (<c>opb_1a2b3c4d5e6f_…</c>).</summary>
    public string Display => $"{Prefix}{Lookup}_…";

    /// <summary>
    /// Issues a key for <paramref name="name"/> acting with <paramref name="role"/> in <paramref name="teamId"/>: the key, the
    /// person it acts as (add both to the store), and the plain key to show once. Refused for a non-admin, a bad name
    /// or an Admin role. The caller checks that the name is not taken and the team exists.
    /// </summary>
    public static ApiKeyIssue Issue(string name, Role role, string teamId, SalesRep admin, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        if (admin.Role != Role.Admin)
        {
            return new ApiKeyIssue.Refused(ApiKeyRefusal.AdminOnly);
        }

        if (!IsValidName(name))
        {
            return new ApiKeyIssue.Refused(ApiKeyRefusal.BadName);
        }

        if (role == Role.Admin)
        {
            return new ApiKeyIssue.Refused(ApiKeyRefusal.BadRole);
        }

        var lookup = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(LookupBytes));
        var plain = $"{Prefix}{lookup}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes))}";
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var user = new SalesRep("API " + name, role, teamId.Trim(), Locales.Chinese, now);
        user.LinkIdentity(new ChannelIdentity(Channel, lookup));
        var key = new ApiKey
        {
            Id = Guid.NewGuid(),
            Name = name,
            Lookup = lookup,
            Salt = Convert.ToBase64String(salt),
            Hash = Convert.ToBase64String(HashOf(salt, plain)),
            Role = role,
            TeamId = teamId.Trim(),
            UserId = user.Id,
            CreatedAt = now,
            CreatedById = admin.Id,
            Version = 1,
        };
        return new ApiKeyIssue.Issued(key, user, plain);
    }

    /// <summary>The lookup part of a presented key, or null when it is not shaped like a key (no store query needed then).</summary>
    public static string? LookupOf(string? presented)
    {
        if (presented is null || presented.Length != Prefix.Length + (LookupBytes * 2) + 1 + (SecretBytes * 2) || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var lookup = presented.AsSpan(Prefix.Length, LookupBytes * 2);
        var secret = presented.AsSpan(Prefix.Length + (LookupBytes * 2) + 1);
        return presented[Prefix.Length + (LookupBytes * 2)] == '_' && IsLowerHex(lookup) && IsLowerHex(secret) ? lookup.ToString() : null;
    }

    /// <summary>Whether <paramref name="presented"/> is this key and it is not revoked. Constant-time in the key's content.</summary>
    public bool Accepts(string? presented)
    {
        if (!IsActive || LookupOf(presented) != Lookup)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(HashOf(Convert.FromBase64String(Salt), presented!), Convert.FromBase64String(Hash));
    }

    /// <summary>Revokes the key: it stops working at once. Admins only; revoking twice is refused.</summary>
    public ApiKeyRefusal? Revoke(SalesRep admin, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(admin);
        if (admin.Role != Role.Admin)
        {
            return ApiKeyRefusal.AdminOnly;
        }

        if (!IsActive)
        {
            return ApiKeyRefusal.AlreadyRevoked;
        }

        RevokedAt = now;
        RevokedById = admin.Id;
        Version++;
        return null;
    }

    /// <summary>Whether <paramref name="person"/> is the person of an API key rather than someone who talks to OppBot.</summary>
    public static bool IsIntegration(SalesRep person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Identities.Any(i => i.Channel == Channel);
    }

    /// <summary>Whether <paramref name="name"/> may name a key: 1–40 of a–z, 0–9, '-', '_', '.'.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.');

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] HashOf(byte[] salt, string key)
    {
        var bytes = new byte[salt.Length + Encoding.UTF8.GetByteCount(key)];
        salt.CopyTo(bytes, 0);
        Encoding.UTF8.GetBytes(key, 0, key.Length, bytes, salt.Length);
        return SHA256.HashData(bytes);
    }
}
