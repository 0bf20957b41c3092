using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using OppBot.Bench.Support;

namespace OppBot.Bench.Chat;

/// <summary>
/// Sends Bot Framework activities as a Teams channel would (auth off: no token), one turn per call, and measures it:
/// a message from the request until the last expected reply reached the connector fake; an Action.Execute invoke
/// from the request until its synchronous response (the updated card) is read.
/// </summary>
internal sealed class TeamsDriver(HttpClient http, ConnectorFake connector, string runTag)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(5);
    private long _ids;
    private long _responseTicks;
    private long _responses;

    /// <summary>Mean time from a message's request to its HTTP response (the reply may come later), since the last call.</summary>
    public double TakeMeanResponseMs()
    {
        var ticks = Interlocked.Exchange(ref _responseTicks, 0);
        var count = Interlocked.Exchange(ref _responses, 0);
        return count == 0 ? double.NaN : Clock.Milliseconds(0, ticks) / count;
    }

    public async Task<double?> MessageAsync(Uri bot, BenchUser user, string text, int replies, CancellationToken cancellationToken)
    {
        var body = Activity(bot, user, "message", text, approval: null);
        var expectation = connector.Expect(user.ConversationId, replies);
        try
        {
            var t0 = Clock.Now;
            using var content = Content(body);
            using (var response = await http.PostAsync(new Uri(bot, "api/messages"), content, cancellationToken))
            {
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }
            }

            var responded = Clock.Now;
            Interlocked.Add(ref _responseTicks, responded - t0);
            Interlocked.Increment(ref _responses);
            var arrived = await expectation.Done.WaitAsync(TurnTimeout, cancellationToken);
            return Clock.Milliseconds(t0, Math.Max(arrived, responded));
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            connector.Forget(user.ConversationId);
        }
    }

    public async Task<(double? Latency, string Body)> InvokeAsync(Uri bot, BenchUser user, Guid approval, CancellationToken cancellationToken)
    {
        var body = Activity(bot, user, "invoke", null, approval);
        var t0 = Clock.Now;
        using var content = Content(body);
        using var response = await http.PostAsync(new Uri(bot, "api/messages"), content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var latency = Clock.Milliseconds(t0, Clock.Now);
        return (response.IsSuccessStatusCode ? latency : null, text);
    }

    /// <summary>A personal-chat activity from <paramref name="user"/>, as Teams sends it (the fields OppBot and the SDK read).</summary>
    private byte[] Activity(Uri bot, BenchUser user, string type, string? text, Guid? approval)
    {
        _ = bot;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            if (type == "invoke")
            {
                w.WriteString("name", "adaptiveCard/action");
            }

            w.WriteString("id", $"{runTag}-{Interlocked.Increment(ref _ids)}");
            w.WriteString("timestamp", TimeProvider.System.GetUtcNow());
            w.WriteString("serviceUrl", connector.BaseUrl.AbsoluteUri);
            w.WriteString("channelId", "msteams");
            w.WriteStartObject("from");
            w.WriteString("id", user.FromId);
            w.WriteString("name", user.Name);
            w.WriteString("aadObjectId", user.AadId);
            w.WriteEndObject();
            w.WriteStartObject("conversation");
            w.WriteString("id", user.ConversationId);
            w.WriteString("conversationType", "personal");
            w.WriteString("tenantId", ChatSeed.TenantId);
            w.WriteEndObject();
            w.WriteStartObject("recipient");
            w.WriteString("id", ChatSeed.BotId);
            w.WriteString("name", "OppBot");
            w.WriteEndObject();
            w.WriteString("locale", ChatSeed.Locale);
            w.WriteStartObject("channelData");
            w.WriteStartObject("tenant");
            w.WriteString("id", ChatSeed.TenantId);
            w.WriteEndObject();
            w.WriteEndObject();
            if (text is not null)
            {
                w.WriteString("text", text);
            }

            if (approval is { } id)
            {
                // Action.Execute: the verb and data of the approval card's Approve button (shared/reference §4.6).
                w.WriteStartObject("value");
                w.WriteStartObject("action");
                w.WriteString("type", "Action.Execute");
                w.WriteString("verb", "approval.approve");
                w.WriteStartObject("data");
                w.WriteString("approval", id.ToString());
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteString("trigger", "manual");
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return content;
    }
}
