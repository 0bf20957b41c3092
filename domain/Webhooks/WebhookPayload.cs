using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using OppBot.Domain.Audit;

namespace OppBot.Domain.Webhooks;

/// <summary>
/// The JSON body posted for an event, written once when the event is saved so every retry posts the same bytes:
/// <code>
/// {"id":"…","type":"opportunity.won","occurredAt":"2026-11-25T02:00:00.0000000Z",
///  "opportunity":{"id":"…","number":42,"teamId":"east"},"actorId":"…","data":{"from":"negotiation","to":"won",…}}
/// </code>
/// <c>id</c> is the event's stable id (also in the <c>X-OppBot-Event-Id</c> header): receivers de-duplicate on it.
/// </summary>
public static class WebhookPayload
{
    /// <summary>The body for <paramref name="e"/>.</summary>
    public static string Render(DomainEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var buffer = new MemoryStream();
        // Relaxed escaping: the body is JSON for machines, not HTML, so Chinese text and '+' stay readable as they are.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("id", e.Id);
            json.WriteString("type", WebhookEvents.NameOf(e.Type) ?? e.Type.ToString());
            json.WriteString("occurredAt", e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteStartObject("opportunity");
            json.WriteString("id", e.OpportunityId);
            json.WriteNumber("number", e.Number);
            json.WriteString("teamId", e.TeamId);
            json.WriteEndObject();
            if (e.ActorId is { } actor)
            {
                json.WriteString("actorId", actor);
            }
            else
            {
                json.WriteNull("actorId");
            }

            json.WriteStartObject("data");
            foreach (var (key, value) in e.Data.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
