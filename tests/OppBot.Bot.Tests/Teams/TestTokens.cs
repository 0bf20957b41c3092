using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OppBot.Bot.Tests.Support;

namespace OppBot.Bot.Tests.Teams;

/// <summary>
/// A fake Bot Framework token service (shared/reference §3.6 "Fake set-up"): an RSA key of our own, OpenID metadata
/// and a JWKS whose key carries <c>endorsements</c>, served through a <see cref="RecordingHttpHandler"/> on a loopback
/// URL, and JWTs signed like the Bot Connector's.
/// </summary>
internal sealed class TestTokens : IDisposable
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    public const string MetadataUrl = "http://127.0.0.1/v1/.well-known/openidconfiguration";
    public const string EmulatorMetadataUrl = "http://127.0.0.1/common/v2.0/.well-known/openid-configuration";

    public TestTokens(string keyId = "key-1", string[]? endorsements = null)
    {
        KeyId = keyId;
        Endorsements = endorsements ?? ["msteams", "webchat", "emulator"];
    }

    public RSA Key { get; } = RSA.Create(2048);

    public string KeyId { get; }

    /// <summary>The key's channel endorsements; an empty array means the JWKS entry has no endorsements at all.</summary>
    public string[] Endorsements { get; }

    /// <summary>Serves metadata and the JWKS of <paramref name="keySets"/> in turn (each fetch gets the next set; the last repeats).</summary>
    public static void Serve(RecordingHttpHandler handler, string metadataUrl, params TestTokens[][] keySets)
    {
        var jwksUrl = metadataUrl + "/keys";
        handler.When(r => r.Uri.AbsoluteUri == jwksUrl, [.. keySets.Select(set => RecordingHttpHandler.Json(HttpStatusCode.OK, Jwks(set)))]);
        handler.When(
            r => r.Uri.AbsoluteUri == metadataUrl,
            RecordingHttpHandler.Json(HttpStatusCode.OK, new JsonObject
            {
                ["issuer"] = ChannelIssuer,
                ["jwks_uri"] = jwksUrl,
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            }.ToJsonString()));
    }

    public void Serve(RecordingHttpHandler handler, string metadataUrl = MetadataUrl) => Serve(handler, metadataUrl, [this]);

    /// <summary>A token as the Bot Connector signs it, valid around <paramref name="now"/> unless told otherwise.</summary>
    public string Create(
        DateTimeOffset now,
        string? serviceUrl = ServiceUrl,
        string audience = AppId,
        string issuer = ChannelIssuer,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        RSA? signWith = null,
        IDictionary<string, object>? claims = null)
    {
        var allClaims = new Dictionary<string, object>(claims ?? new Dictionary<string, object>());
        if (serviceUrl is not null)
        {
            allClaims["serviceurl"] = serviceUrl;
        }

        var nbf = notBefore ?? now.AddMinutes(-1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = nbf.UtcDateTime,
            NotBefore = nbf.UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            Claims = allClaims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? Key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose() => Key.Dispose();

    private static string Jwks(TestTokens[] keys) => new JsonObject
    {
        ["keys"] = new JsonArray([.. keys.Select(k => (JsonNode)k.Jwk())]),
    }.ToJsonString();

    private JsonObject Jwk()
    {
        var parameters = Key.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements.Length > 0)
        {
            jwk["endorsements"] = JsonSerializer.SerializeToNode(Endorsements);
        }

        return jwk;
    }
}
