using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OppBot.Adapters.Persistence;
using OppBot.Bot.Csv;
using OppBot.Domain.People;
using OppBot.Domain.Webhooks;

namespace OppBot.Bot.Webhooks;

/// <summary>
/// <c>GET /api/v1/webhooks/deliveries</c>: the delivery log, for admins (every row) and managers (the rows of their
/// team's deals). Per endpoint: its URL without query or credentials, and counts by status over the rows listed; then
/// the rows, newest first: event, attempts, last status code and error, when delivered or given up.
/// </summary>
internal static class WebhookEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1_000;

    public static async Task<IResult> ListAsync(
        HttpContext http,
        [FromQuery] string? endpoint,
        [FromQuery] string? status,
        [FromQuery] int? limit,
        ApiCaller callers,
        WebhookDeliveryStore deliveries,
        IOptions<WebhookOptions> options,
        CancellationToken cancellationToken)
    {
        if (await callers(http, cancellationToken) is not { } caller)
        {
            return CsvEndpoints.Unauthorized();
        }

        if (!caller.Manages(caller.TeamId))
        {
            return CsvEndpoints.Problem(StatusCodes.Status403Forbidden, "The webhook delivery log is for admins and managers.");
        }

        WebhookDeliveryStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<WebhookDeliveryStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return CsvEndpoints.Problem(StatusCodes.Status400BadRequest, "status must be pending, delivered or failed.");
            }

            wanted = parsed;
        }

        if (limit is < 1 or > MaxLimit)
        {
            return CsvEndpoints.Problem(StatusCodes.Status400BadRequest, $"limit must be between 1 and {MaxLimit}.");
        }

        var team = caller.Role == Role.Admin ? null : caller.TeamId;
        var rows = await deliveries.ListAsync(endpoint, team, wanted, limit ?? DefaultLimit, cancellationToken);
        var endpoints = options.Value.Endpoints
            .Where(e => endpoint is null || string.Equals(e.Name, endpoint, StringComparison.OrdinalIgnoreCase))
            .Select(e =>
            {
                var mine = rows.Where(r => string.Equals(r.Endpoint, e.Name, StringComparison.OrdinalIgnoreCase)).ToList();
                return new EndpointJson(
                    e.Name,
                    Redact(e.Url),
                    mine.Count(r => r.Status == WebhookDeliveryStatus.Pending),
                    mine.Count(r => r.Status == WebhookDeliveryStatus.Delivered),
                    mine.Count(r => r.Status == WebhookDeliveryStatus.Failed),
                    mine.Max(r => r.DeliveredAt),
                    mine.Where(r => r.LastError is not null).MaxBy(r => r.LastAttemptAt)?.LastError);
            })
            .ToList();
        return TypedResults.Ok(new LogJson(endpoints, rows.Select(DeliveryJson.From).ToList()));
    }

    /// <summary>The URL without user info and query (either may hold a credential).</summary>
    internal static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : string.Empty;

    internal sealed record LogJson(IReadOnlyList<EndpointJson> Endpoints, IReadOnlyList<DeliveryJson> Deliveries);

    internal sealed record EndpointJson(string Name, string Url, int Pending, int Delivered, int Failed, DateTimeOffset? LastDeliveredAt, string? LastError);

    internal sealed record DeliveryJson(
        Guid Id,
        string Endpoint,
        Guid EventId,
        string EventType,
        string Status,
        int Attempts,
        int? LastStatusCode,
        string? LastError,
        DateTimeOffset CreatedAt,
        DateTimeOffset? LastAttemptAt,
        DateTimeOffset? NextAttemptAt,
        DateTimeOffset? DeliveredAt,
        DateTimeOffset? FailedAt)
    {
        public static DeliveryJson From(WebhookDelivery d) => new(
            d.Id,
            d.Endpoint,
            d.EventId,
            d.EventType,
            d.Status.ToString().ToLowerInvariant(),
            d.Attempts,
            d.LastStatusCode,
            d.LastError,
            d.CreatedAt,
            d.LastAttemptAt,
            d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null,
            d.DeliveredAt,
            d.FailedAt);
    }
}
