using System.Text;
using OppBot.Domain.Webhooks;

namespace OppBot.Bot.Webhooks;

/// <summary>What one POST of a delivery came to.</summary>
/// <param name="Delivered">The receiver answered 2xx.</param>
/// <param name="StatusCode">The HTTP status, or null when there was no answer.</param>
/// <param name="Error">What went wrong, for the delivery log (no response body: it may hold anything).</param>
public sealed record WebhookPostResult(bool Delivered, int? StatusCode, string? Error);

/// <summary>
/// Posts a delivery to its endpoint (a typed <see cref="HttpClient"/>): the stored JSON body, signed
/// (<see cref="WebhookSignature"/>) at the time of the attempt, with the event's id and name in headers.
/// Never throws for the receiver's sake: a refused connection, a timeout or a non-2xx answer is a result.
/// </summary>
public sealed class WebhookClient(HttpClient http, TimeProvider clock)
{
    /// <summary>POSTs <paramref name="delivery"/> to <paramref name="endpoint"/>.</summary>
    public async Task<WebhookPostResult> PostAsync(WebhookEndpointOptions endpoint, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(delivery);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Header(endpoint.Secret, clock.GetUtcNow().ToUnixTimeSeconds(), delivery.Payload));
        request.Headers.Add(WebhookSignature.EventIdHeader, delivery.EventId.ToString());
        request.Headers.Add(WebhookSignature.EventHeader, delivery.EventType);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new WebhookPostResult(true, status, null)
                : new WebhookPostResult(false, status, $"HTTP {status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (HttpRequestException ex)
        {
            return new WebhookPostResult(false, null, $"{ex.HttpRequestError}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookPostResult(false, null, $"No answer within {http.Timeout.TotalSeconds:0.#} s");
        }
    }
}
