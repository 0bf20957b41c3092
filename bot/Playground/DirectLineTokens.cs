using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OppBot.Adapters.Persistence;
using OppBot.Adapters.Persistence.Mapping;
using OppBot.Domain.Conversations;

namespace OppBot.Bot.Playground;

/// <summary>What a Direct Line token allows: one user in one conversation.</summary>
/// <param name="ConversationId">The only conversation the token opens.</param>
/// <param name="UserId">Who the bearer is; activities are attributed to this id whatever their <c>from.id</c> says.</param>
/// <param name="UserName">The display name to use when an activity carries none.</param>
/// <param name="Kind">Personal chat, or the team channel.</param>
public sealed record DirectLineGrant(string ConversationId, string UserId, string? UserName, ConversationKind Kind);

/// <summary>A token as the Direct Line API returns it.</summary>
/// <param name="Token">The bearer token.</param>
/// <param name="ExpiresIn">Seconds until it expires.</param>
public sealed record DirectLineToken(string Token, int ExpiresIn);

/// <summary>
/// Conversation-scoped Direct Line tokens: JWTs signed with HMAC-SHA256 whose claims name the conversation
/// (<c>conv</c>), the user (<c>user</c>, where Web Chat reads it: the token fixes who you are, as Direct Line's own
/// tokens with a <c>dl_</c> user id do), the kind of conversation and the expiry. Nothing is stored per token: any
/// instance holding the key checks any token. The key is <c>Playground:TokenKey</c> when set, otherwise a random secret
/// created once in the database (<c>directline_secrets</c>), shared by every instance on it and kept across restarts.
/// </summary>
public sealed class DirectLineTokens(IDbContextFactory<OppBotDbContext> contexts, IOptions<PlaygroundOptions> options, TimeProvider clock)
{
    private static readonly string Header = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));

    private readonly PlaygroundOptions _options = options.Value;
    private byte[]? _key;

    /// <summary>A new token for <paramref name="grant"/>, valid for <see cref="PlaygroundOptions.TokenLifetime"/>.</summary>
    public async Task<DirectLineToken> IssueAsync(DirectLineGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var now = clock.GetUtcNow();
        var lifetime = _options.TokenLifetime;
        var claims = new JsonObject
        {
            ["conv"] = grant.ConversationId,
            ["user"] = grant.UserId,
            ["name"] = grant.UserName,
            ["kind"] = grant.Kind.ToString(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
        };
        var body = Header + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = HMACSHA256.HashData(await KeyAsync(cancellationToken), Encoding.ASCII.GetBytes(body));
        return new DirectLineToken(body + "." + Base64Url(signature), (int)lifetime.TotalSeconds);
    }

    /// <summary>The grant of a well-signed, unexpired token from an <c>Authorization: Bearer</c> header; null otherwise.</summary>
    public async Task<DirectLineGrant?> ValidateAsync(string? authorization, CancellationToken cancellationToken)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parts = authorization[scheme.Length..].Trim().Split('.');
        if (parts.Length != 3 || parts[0] != Header || !TryBase64Url(parts[2], out var signature))
        {
            return null;
        }

        var expected = HMACSHA256.HashData(await KeyAsync(cancellationToken), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature) || !TryBase64Url(parts[1], out var payload))
        {
            return null;
        }

        try
        {
            var claims = JsonNode.Parse(payload)?.AsObject();
            var conversation = (string?)claims?["conv"];
            var user = (string?)claims?["user"];
            var expires = (long?)claims?["exp"];
            if (conversation is null || user is null || expires is null || expires <= clock.GetUtcNow().ToUnixTimeSeconds()
                || !Enum.TryParse<ConversationKind>((string?)claims?["kind"], out var kind))
            {
                return null;
            }

            return new DirectLineGrant(conversation, user, (string?)claims?["name"], kind);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // Signed by us but not in our shape: refuse it like any other bad token.
            return null;
        }
    }

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } key)
        {
            return key;
        }

        if (!string.IsNullOrEmpty(_options.TokenKey))
        {
            return _key = Encoding.UTF8.GetBytes(_options.TokenKey);
        }

        var secret = await FindSecretAsync(cancellationToken);
        if (secret is null)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.Add(new DirectLineSecret(DirectLineSecret.TokenKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), clock.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance created it first: everyone uses that one, read below.
            }

            secret = await FindSecretAsync(cancellationToken)
                ?? throw new InvalidOperationException("The Direct Line token secret could neither be read nor created.");
        }

        return _key = Convert.FromBase64String(secret);
    }

    private async Task<string?> FindSecretAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DirectLineSecret>().AsNoTracking()
            .Where(s => s.Name == DirectLineSecret.TokenKey)
            .Select(s => s.Value)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static bool TryBase64Url(string text, out byte[] bytes)
    {
        var buffer = new byte[System.Buffers.Text.Base64Url.GetMaxDecodedLength(text.Length)];
        var ok = System.Buffers.Text.Base64Url.TryDecodeFromChars(text, buffer, out var written);
        bytes = ok ? buffer[..written] : [];
        return ok;
    }
}
