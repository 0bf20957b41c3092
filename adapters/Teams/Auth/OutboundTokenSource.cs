using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OppBot.Adapters.Teams.Protocol;

namespace OppBot.Adapters.Teams.Auth;

/// <summary>
/// The bot's OAuth2 client-credentials token for the Bot Connector (shared/reference §3.5): fetched lazily on
/// first use (never in a constructor), cached, treated as expired 5 minutes early, one fetch shared by
/// concurrent callers. A singleton; it asks <see cref="IHttpClientFactory"/> for a client per fetch.
/// </summary>
public sealed class OutboundTokenSource(
    IOptions<TeamsOptions> options,
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    ILogger<OutboundTokenSource> logger)
{
    public const string ClientName = "OppBot.Teams.Token";

    /// <summary>How long before expiry a token is replaced (the JS SDK's margin).</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim gate = new(1, 1);
    private CachedToken? cached;

    /// <summary>False in local mode (no app id): calls go out without a token.</summary>
    public bool IsEnabled => options.Value.AuthenticationEnabled;

    /// <summary>A valid access token; fetches one when none is cached or the cached one is within 5 minutes of expiry.</summary>
    /// <exception cref="HttpRequestException">The token endpoint could not be reached or refused the request.</exception>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Fresh(cached) is { } token)
        {
            return token;
        }

        // Single flight: the first caller fetches, the others wait and then read what it cached.
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(cached) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            cached = await FetchAsync(cancellationToken);
            return cached.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drops <paramref name="token"/> from the cache after the connector refused it (401), so the next call fetches.</summary>
    public void Invalidate(string token)
    {
        var current = cached;
        if (current is not null && current.AccessToken == token)
        {
            Interlocked.CompareExchange(ref cached, null, current);
        }
    }

    private string? Fresh(CachedToken? token) =>
        token is not null && timeProvider.GetUtcNow() < token.ExpiresAt - RefreshMargin ? token.AccessToken : null;

    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var http = httpClientFactory.CreateClient(ClientName);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.MicrosoftAppId,
            ["client_secret"] = settings.MicrosoftAppPassword,
            ["scope"] = settings.OAuthScope,
        });

        var requestedAt = timeProvider.GetUtcNow();
        using var response = await http.PostAsync(settings.ResolvedTokenEndpoint, form, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // AAD answers {"error":"invalid_client",...}; the code is safe to log, the description may echo ids.
            var error = await ReadErrorAsync(response, cancellationToken);
            Log.TokenFetchFailed(logger, (int)response.StatusCode, error);
            throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode} {error}.", null, response.StatusCode);
        }

        var body = await response.Content.ReadFromJsonAsync(ProtocolJson.Default.TokenResponse, cancellationToken);
        if (body?.AccessToken is not { Length: > 0 } accessToken || body.ExpiresIn <= 0)
        {
            throw new HttpRequestException("The token endpoint answered without an access token.", null, HttpStatusCode.BadGateway);
        }

        Log.TokenFetched(logger, body.ExpiresIn);
        return new CachedToken(accessToken, requestedAt + TimeSpan.FromSeconds(body.ExpiresIn));
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync(ProtocolJson.Default.TokenResponse, cancellationToken);
            return body?.Error ?? "";
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            return "";
        }
    }

    private sealed record CachedToken(string AccessToken, DateTimeOffset ExpiresAt);
}

/// <summary>The token endpoint's JSON answer (success or error).</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long ExpiresIn,
    [property: JsonPropertyName("error")] string? Error);
