using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OppBot.Domain.Delivery;

namespace OppBot.Bot.Playground;

/// <summary>
/// Delivers outbox messages to the playground's Direct Line conversations (channel <c>directline</c>, the address key
/// is the conversation id): renders them with <see cref="DirectLineRenderer"/> and appends them to the conversation's
/// transcript, where the client's next poll finds them. An update (<see cref="Delivery.ReplacesExternalId"/>) replaces
/// the earlier card in the transcript; when that card is gone, the update is appended as a new message.
/// </summary>
/// <remarks>
/// Activity ids are the outbox row's id and the part's index, so a repeated send of the same row (a crash between the
/// send and its mark) finds its activities already there and adds nothing.
/// </remarks>
public sealed class DirectLineSender(DirectLineRenderer renderer, DirectLineTranscript transcript, ILogger<DirectLineSender> logger) : IChannelSender
{
    /// <summary>The channel name of Direct Line addresses and identities.</summary>
    public const string ChannelName = "directline";

    /// <inheritdoc/>
    public string Channel => ChannelName;

    /// <inheritdoc/>
    public async Task<DeliveryOutcome> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var conversationId = delivery.Address.Key;
        IReadOnlyList<JsonObject> parts;
        try
        {
            parts = renderer.Render(delivery.Reply, conversationId, delivery.ReplacesExternalId is not null);
        }
        catch (ArgumentException ex)
        {
            // A card the renderer refuses will be refused on every retry too.
            return new DeliveryOutcome.Failed("card could not be rendered: " + ex.Message);
        }

        if (parts.Count == 0)
        {
            return new DeliveryOutcome.Failed("empty reply");
        }

        try
        {
            if (delivery.ReplacesExternalId is { } replaced && await transcript.ReplaceAsync(conversationId, replaced, parts[0], cancellationToken))
            {
                return new DeliveryOutcome.Sent(replaced);
            }

            for (var i = 0; i < parts.Count; i++)
            {
                parts[i]["id"] = $"{delivery.Id:N}-{i}";
            }

            await transcript.AppendAsync(conversationId, parts, cancellationToken);

            // The card's id is the one worth keeping: later updates replace the card, not the text above it.
            var card = parts.FirstOrDefault(p => p["attachments"] is not null) ?? parts[0];
            return new DeliveryOutcome.Sent((string?)card["id"]);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or TimeoutException)
        {
            Log.DirectLineWriteFailed(logger, delivery.Id, ex);
            return new DeliveryOutcome.RetryLater("the transcript could not be written", null);
        }
    }
}
