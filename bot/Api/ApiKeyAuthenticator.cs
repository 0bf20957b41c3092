using System.Net.Http.Headers;
using OppBot.Domain;
using OppBot.Domain.Integrations;
using OppBot.Domain.People;

namespace OppBot.Bot.Api;

/// <summary>
/// Finds the person an API request acts as from its key (<c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key: &lt;key&gt;</c>): the key's row by its public lookup part, the salted hash compared in constant time, then
/// the person the key was created with. A missing, malformed, unknown or revoked key is no one. The result is kept for
/// the rest of the request.
/// </summary>
/// <param name="logger">Logs refusals (never the key).</param>
internal sealed class ApiKeyAuthenticator(ILogger<ApiKeyAuthenticator> logger)
{
    /// <summary>The header that may carry the key instead of Authorization.</summary>
    public const string HeaderName = "X-Api-Key";

    private static readonly object CallerKey = new();

    /// <summary>The person the request acts as, or null when it has no valid key.</summary>
    public async ValueTask<SalesRep?> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(CallerKey, out var known))
        {
            return known as SalesRep;
        }

        var caller = await FindAsync(context, cancellationToken);
        context.Items[CallerKey] = caller;
        return caller;
    }

    /// <summary>The caller <see cref="AuthenticateAsync"/> found for this request (the endpoint filter ran first).</summary>
    public static SalesRep Caller(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(CallerKey, out var known) && known is SalesRep caller
            ? caller
            : throw new InvalidOperationException("The API key filter did not run for this endpoint.");
    }

    private async Task<SalesRep?> FindAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var presented = Presented(context.Request);
        if (presented is null)
        {
            Log.ApiKeyMissing(logger, context.Request.Path.Value ?? "/");
            return null;
        }

        var lookup = ApiKey.LookupOf(presented);
        var store = context.RequestServices.GetRequiredService<IOppBotStore>();
        var key = lookup is null ? null : await store.FindApiKeyAsync(lookup, cancellationToken);
        if (key is null || !key.Accepts(presented))
        {
            Log.ApiKeyRefused(logger, lookup ?? "(malformed)", key is { IsActive: false } ? "revoked" : "unknown");
            return null;
        }

        var caller = await store.GetUserAsync(key.UserId, cancellationToken);
        if (caller is null || caller.Role == Role.Admin)
        {
            Log.ApiKeyRefused(logger, lookup!, "no person");
            return null;
        }

        return caller;
    }

    private static string? Presented(HttpRequest request)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var auth) &&
            auth.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) &&
            !string.IsNullOrWhiteSpace(auth.Parameter))
        {
            return auth.Parameter.Trim();
        }

        var header = request.Headers[HeaderName].ToString();
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }
}

/// <summary>Refuses requests without a valid API key with 401 before the endpoint runs.</summary>
/// <param name="authenticator">Finds the caller.</param>
internal sealed class ApiKeyFilter(ApiKeyAuthenticator authenticator) : IEndpointFilter
{
    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (await authenticator.AuthenticateAsync(http, http.RequestAborted) is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiProblems.Unauthorized();
        }

        return await next(context);
    }
}
