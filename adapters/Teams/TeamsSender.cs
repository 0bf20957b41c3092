using Microsoft.Extensions.Logging;
using OppBot.Adapters.Teams.Cards;
using OppBot.Adapters.Teams.Protocol;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;

namespace OppBot.Adapters.Teams;

/// <summary>
/// Delivers outbox messages to Teams (channel <c>teams</c>): the reply's text as one markdown message, then each
/// card as its own Adaptive Card message, because Teams splits a message holding text and an attachment into two
/// and the returned id then cannot update the card (shared/reference §4.8). An update (<see cref="Delivery.ReplacesExternalId"/>)
/// is one PUT. A personal address without a conversation id gets its 1:1 chat created first (§2.3).
/// </summary>
/// <remarks>
/// The Bot Framework has no idempotency key for POSTs and bots should not send <c>id</c> on new activities
/// (§1.1). So each part but the last is recorded in the outbox as soon as it is posted
/// (<see cref="Delivery.RecordProgress"/>), and a retried delivery, on any instance, starts after the parts already
/// posted (<see cref="Delivery.PartsDone"/>). Every POST and PUT names its row and part in
/// <see cref="ConnectorClient.DeliveryHeader"/>, so duplicates can be counted on the wire.
/// </remarks>
public sealed class TeamsSender(
    ConnectorClient connector,
    AdaptiveCardRenderer renderer,
    TeamsDeliveryMemory memory,
    ILogger<TeamsSender> logger) : IChannelSender
{
    public string Channel => TeamsAddress.Channel;

    public async Task<DeliveryOutcome> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var outcome = await TrySendAsync(delivery, cancellationToken);
        switch (outcome)
        {
            case DeliveryOutcome.Failed failed:
                Log.DeliveryFailed(logger, delivery.Id, failed.Reason);
                break;
            case DeliveryOutcome.RetryLater later:
                Log.DeliveryDeferred(logger, delivery.Id, later.Reason);
                break;
        }

        return outcome;
    }

    private async Task<DeliveryOutcome> TrySendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (!TeamsAddress.TryParse(delivery.Address, out var address))
        {
            return new DeliveryOutcome.Failed("not a Teams address");
        }

        List<Activity> parts;
        try
        {
            parts = Render(delivery.Reply, delivery.ReplacesExternalId is not null);
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

        var serviceUrl = new Uri(address.ServiceUrl);
        var conversationId = address.ConversationId;
        if (string.IsNullOrEmpty(conversationId))
        {
            var created = await CreatePersonalConversationAsync(serviceUrl, address, cancellationToken);
            if (created.Outcome is not null)
            {
                return created.Outcome;
            }

            conversationId = created.ConversationId!;
        }

        var outcome = delivery.ReplacesExternalId is { } replaced
            ? await UpdateAsync(serviceUrl, conversationId, replaced, Address(parts[0], address, conversationId), DeliveryKey(delivery.Id, 0), cancellationToken)
            : await PostPartsAsync(delivery, serviceUrl, address, conversationId, parts, cancellationToken);

        if (outcome is DeliveryOutcome.Failed && address.ConversationId is null)
        {
            // The cached 1:1 id may be stale (user gone, app removed): look it up again next time.
            memory.ForgetPersonalConversation(UserKey(address));
        }

        return outcome;
    }

    private async Task<DeliveryOutcome> UpdateAsync(
        Uri serviceUrl, string conversationId, string activityId, Activity activity, string deliveryKey, CancellationToken cancellationToken)
    {
        var result = await connector.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, deliveryKey, cancellationToken);
        return result.IsSuccess ? new DeliveryOutcome.Sent(result.Value?.Id ?? activityId) : Failure(result);
    }

    private async Task<DeliveryOutcome> PostPartsAsync(
        Delivery delivery, Uri serviceUrl, TeamsAddress address, string conversationId, List<Activity> parts, CancellationToken cancellationToken)
    {
        // Resuming after parts an earlier attempt posted: the id it kept is the card's if a card was among them.
        var done = Math.Min(delivery.PartsDone, parts.Count);
        var cardDone = parts.Take(done).Any(p => p.Attachments is { Count: > 0 });
        string? firstId = done > 0 && !cardDone ? delivery.ExternalIdSoFar : null;
        string? firstCardId = cardDone ? delivery.ExternalIdSoFar : null;
        for (var i = done; i < parts.Count; i++)
        {
            var result = await connector.SendToConversationAsync(
                serviceUrl, conversationId, Address(parts[i], address, conversationId), DeliveryKey(delivery.Id, i), cancellationToken);
            if (!result.IsSuccess)
            {
                return Failure(result);
            }

            var activityId = result.Value?.Id;
            firstId ??= activityId;
            if (parts[i].Attachments is { Count: > 0 })
            {
                firstCardId ??= activityId;
            }

            if (i + 1 < parts.Count && delivery.RecordProgress is { } record && !await record(i + 1, firstCardId ?? firstId, cancellationToken))
            {
                // The row is no longer ours (another instance took it over): it sends the rest.
                return new DeliveryOutcome.RetryLater("another instance took this delivery over", null);
            }
        }

        // The card's id is the one worth keeping: later updates replace the card, not the text above it.
        return new DeliveryOutcome.Sent(firstCardId ?? firstId);
    }

    private async Task<(string? ConversationId, DeliveryOutcome? Outcome)> CreatePersonalConversationAsync(
        Uri serviceUrl, TeamsAddress address, CancellationToken cancellationToken)
    {
        var userKey = UserKey(address);
        if (memory.PersonalConversation(userKey) is { } known)
        {
            return (known, null);
        }

        // Teams needs the tenant in both places and the bot's own id (shared/reference §2.3).
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = address.BotId is null ? null : new ChannelAccount { Id = address.BotId },
            Members = [new ChannelAccount { Id = address.UserId ?? address.UserAadObjectId }],
            TenantId = address.TenantId,
            ChannelData = address.TenantId is null ? null : new TeamsChannelData { Tenant = new TenantInfo(address.TenantId) },
        };
        var result = await connector.CreateConversationAsync(serviceUrl, parameters, cancellationToken);
        if (!result.IsSuccess)
        {
            return (null, Failure(result));
        }

        if (result.Value?.Id is not { Length: > 0 } conversationId)
        {
            return (null, new DeliveryOutcome.Failed("create conversation answered without a conversation id"));
        }

        memory.RememberPersonalConversation(userKey, conversationId);
        return (conversationId, null);
    }

    /// <summary>
    /// New posts: the text as one message, then one message per card. Updates: one message holding every card
    /// (or the text when there is no card).
    /// </summary>
    private List<Activity> Render(Reply reply, bool isUpdate)
    {
        var cards = reply.Cards
            .Select(card => new Attachment { ContentType = AdaptiveCardRenderer.ContentType, Content = renderer.Render(card, reply.Locale) })
            .ToList();
        var text = string.IsNullOrWhiteSpace(reply.Text) ? null : Message(reply) with { Text = reply.Text, TextFormat = "markdown" };
        if (isUpdate)
        {
            return cards.Count > 0 ? [Message(reply) with { Attachments = cards }] : text is null ? [] : [text];
        }

        var parts = new List<Activity>();
        if (text is not null)
        {
            parts.Add(text);
        }

        parts.AddRange(cards.Select(card => Message(reply) with { Attachments = [card] }));
        return parts;
    }

    private static Activity Message(Reply reply) => new() { Type = ActivityTypes.Message, Locale = reply.Locale };

    /// <summary>Addressing per shared/reference §1.4: from = the bot, recipient = the user in a personal chat.</summary>
    private static Activity Address(Activity activity, TeamsAddress address, string conversationId) => activity with
    {
        ChannelId = ActivityTypes.TeamsChannelId,
        From = address.BotId is null ? null : new ChannelAccount { Id = address.BotId },
        Recipient = address.UserId is null ? null : new ChannelAccount { Id = address.UserId, AadObjectId = address.UserAadObjectId },
        Conversation = new ConversationAccount { Id = conversationId, TenantId = address.TenantId },
    };

    /// <summary>Throttling, outages and network trouble are worth another try; everything else is final (§2.4).</summary>
    private static DeliveryOutcome Failure<T>(ConnectorResult<T> result) => result.IsTransient
        ? new DeliveryOutcome.RetryLater(result.Describe(), result.RetryAfter)
        : new DeliveryOutcome.Failed(result.Describe());

    /// <summary>What <see cref="ConnectorClient.DeliveryHeader"/> says: the outbox row and which of its activities.</summary>
    internal static string DeliveryKey(Guid deliveryId, int part) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{deliveryId:N}.{part}");

    private static string UserKey(TeamsAddress address) =>
        $"{address.ServiceUrl}|{address.TenantId}|{address.UserId ?? address.UserAadObjectId}";
}
