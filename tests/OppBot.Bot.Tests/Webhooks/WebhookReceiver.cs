using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OppBot.Bot.Webhooks;

namespace OppBot.Bot.Tests.Webhooks;

/// <summary>
/// A webhook receiver as an integrator would write one: a real Kestrel server on 127.0.0.1 that checks every POST's
/// <c>X-OppBot-Signature</c> against the shared secret and records the event ids it accepted. It can be stopped and
/// started again on the same port, to play a receiver that is down for a while.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "test-secret-0123456789abcdef";

    private WebApplication? _app;

    private WebhookReceiver(int port) => Port = port;

    /// <summary>The port, kept across restarts.</summary>
    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/oppbot";

    /// <summary>Every POST that arrived, in order: event id header, body, whether the signature was valid.</summary>
    public ConcurrentQueue<(string EventId, string Body, bool SignatureValid)> Received { get; } = new();

    /// <summary>Ids of events accepted (valid signature), in arrival order, duplicates included.</summary>
    public IReadOnlyList<string> Accepted => Received.Where(r => r.SignatureValid).Select(r => r.EventId).ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver(0);
        await receiver.StartAgainAsync();
        return receiver;
    }

    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        var app = builder.Build();
        app.MapPost("/hooks/oppbot", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var valid = WebhookSignature.Verify(Secret, http.Request.Headers[WebhookSignature.HeaderName], body, TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5));
            Received.Enqueue((http.Request.Headers[WebhookSignature.EventIdHeader].ToString(), System.Text.Encoding.UTF8.GetString(body), valid));
            return valid ? Results.NoContent() : Results.Unauthorized();
        });
        await app.StartAsync();
        Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
