using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;

namespace OppBot.Adapters.WeCom;

/// <summary>
/// Delivers outbox rows of channel <c>wecom</c> (address formats: <see cref="WeComAddress"/>).
/// <list type="bullet">
/// <item><c>user:</c> message/send (markdown and template cards), paced to 30 a minute per member because WeCom
/// silently drops the excess. A delivery with <see cref="Delivery.ReplacesExternalId"/> replaces that earlier card
/// (message/update_template_card, with the response code its send returned) with its first card while the code is
/// valid, and posts the rest as new messages; a replacement card without buttons (a decided approval) greys out the
/// earlier card's buttons instead and is posted as a new message.</item>
/// <item><c>chat:</c> appchat/send, markdown only.</item>
/// <item><c>robot:</c> the team's group robot, paced to 20 a minute; a reply that has to wait is remembered and
/// goes out combined with the next reply to the same robot (one digest), and its own retry is then answered Sent.</item>
/// </list>
/// A reply may need several WeCom messages; the parts already sent are remembered per <see cref="Delivery.Id"/> so a
/// retried row continues where it stopped (in this process), and template cards reuse task ids derived from the id,
/// which WeCom refuses to show twice (42014, treated as Sent).
/// </summary>
internal sealed class WeComSender(
    WeComApiClient api,
    IOptions<WeComOptions> options,
    TimeProvider clock,
    ILogger<WeComSender> logger) : IChannelSender
{
    /// <summary>Response codes work for 72 h; keep a margin for clock skew and the time the call takes.</summary>
    private static readonly TimeSpan ResponseCodeLifetime = TimeSpan.FromHours(72) - TimeSpan.FromMinutes(10);

    /// <summary>How long what this process remembers about a delivery (parts sent, digests) is kept.</summary>
    private static readonly TimeSpan MemoryLifetime = TimeSpan.FromHours(1);

    private static readonly TimeSpan ConfigurationRetry = TimeSpan.FromMinutes(10);

    private readonly WeComOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, (int Next, long Since)> _progress = [];
    private readonly Dictionary<string, SendWindow> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RobotState> _robots = new(StringComparer.Ordinal);

    public string Channel => MessageReader.Channel;

    public async Task<DeliveryOutcome> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.Address.Channel != Channel || !WeComAddress.TryParse(delivery.Address.Key, out var address))
        {
            return new DeliveryOutcome.Failed("not a WeCom address");
        }

        try
        {
            return address.Kind switch
            {
                WeComAddressKind.User => await SendToMemberAsync(delivery, address, cancellationToken),
                WeComAddressKind.Chat => await SendToChatAsync(delivery, address, cancellationToken),
                _ => await SendToRobotAsync(delivery, address, cancellationToken),
            };
        }
        catch (WeComRenderException ex)
        {
            // A reply WeCom cannot show (button key too long, required form input): retrying will not help.
            Log.RenderFailed(logger, delivery.Id, ex);
            Forget(delivery.Id);
            return new DeliveryOutcome.Failed("cannot render for WeCom: " + ex.Message);
        }
    }

    private async Task<DeliveryOutcome> SendToMemberAsync(Delivery delivery, WeComAddress address, CancellationToken cancellationToken)
    {
        var parts = TemplateCardRenderer.RenderForMember(delivery.Reply, delivery.Id);
        if (parts.Count == 0)
        {
            return new DeliveryOutcome.Failed("empty reply");
        }

        var responseCode = UpdatableCode(delivery);
        var firstCard = parts.OfType<TemplateCardPart>().FirstOrDefault();
        if (responseCode is not null && firstCard is null && delivery.Reply.Cards.Count > 0)
        {
            // The replacement has nothing left to press (a decided approval): grey out the earlier card's buttons
            // (the update's "button" mode), then post the new card as a message.
            parts = [new ButtonsDonePart(delivery.Reply.Locale), .. parts];
        }

        WeComMessageRef? sent = null;

        for (var i = Next(delivery.Id); i < parts.Count; i++)
        {
            var part = parts[i];
            if (part is ButtonsDonePart done)
            {
                var greyed = await api.UpdateTemplateCardAsync(
                    new JsonObject
                    {
                        ["userids"] = new JsonArray(address.Id),
                        ["agentid"] = _options.AgentId,
                        ["response_code"] = responseCode,
                        ["button"] = new JsonObject { ["replace_name"] = done.Label },
                    },
                    cancellationToken);
                if (greyed.Status == WeComCallStatus.RetryLater)
                {
                    return Pause(delivery.Id, i, new DeliveryOutcome.RetryLater(Reason(greyed), greyed.RetryAfter));
                }

                if (!greyed.IsOk)
                {
                    Log.CardUpdateRefused(logger, delivery.Id, greyed.ErrCode); // used or expired code: the reply still goes out
                }

                continue;
            }

            if (!TakeMemberSlot(address.Id, out var wait))
            {
                return Pause(delivery.Id, i, new DeliveryOutcome.RetryLater("WeCom allows 30 messages a minute per member", wait));
            }

            if (part == firstCard && responseCode is not null)
            {
                var update = await api.UpdateTemplateCardAsync(
                    new JsonObject
                    {
                        ["userids"] = new JsonArray(address.Id),
                        ["agentid"] = _options.AgentId,
                        ["response_code"] = responseCode,
                        ["template_card"] = firstCard.Card.DeepClone(),
                    },
                    cancellationToken);
                if (update.IsOk)
                {
                    continue;
                }

                if (update.Status == WeComCallStatus.RetryLater)
                {
                    return Pause(delivery.Id, i, new DeliveryOutcome.RetryLater(Reason(update), update.RetryAfter));
                }

                // Used or expired code (each works once, for 72 h), or a card that cannot be replaced: post it anew.
                Log.CardUpdateRefused(logger, delivery.Id, update.ErrCode);
            }

            var result = await api.SendMessageAsync(MemberMessage(address.Id, part), cancellationToken);
            var outcome = Outcome(result, part);
            if (outcome is not DeliveryOutcome.Sent)
            {
                return outcome is DeliveryOutcome.RetryLater ? Pause(delivery.Id, i, outcome) : Stop(delivery.Id, outcome);
            }

            sent = Prefer(sent, part, result);
        }

        Forget(delivery.Id);
        return new DeliveryOutcome.Sent(sent?.Format());
    }

    private async Task<DeliveryOutcome> SendToChatAsync(Delivery delivery, WeComAddress address, CancellationToken cancellationToken)
    {
        var messages = TemplateCardRenderer.RenderMarkdown(delivery.Reply, TemplateCardRenderer.AppMarkdownMaxBytes);
        if (messages.Count == 0)
        {
            return new DeliveryOutcome.Failed("empty reply");
        }

        for (var i = Next(delivery.Id); i < messages.Count; i++)
        {
            var result = await api.SendAppChatAsync(
                new JsonObject
                {
                    ["chatid"] = address.Id,
                    ["msgtype"] = "markdown",
                    ["markdown"] = new JsonObject { ["content"] = messages[i] },
                },
                cancellationToken);
            var outcome = Outcome(result, part: null);
            if (outcome is not DeliveryOutcome.Sent)
            {
                return outcome is DeliveryOutcome.RetryLater ? Pause(delivery.Id, i, outcome) : Stop(delivery.Id, outcome);
            }
        }

        Forget(delivery.Id);
        return new DeliveryOutcome.Sent(null);
    }

    private async Task<DeliveryOutcome> SendToRobotAsync(Delivery delivery, WeComAddress address, CancellationToken cancellationToken)
    {
        if (!_options.RobotWebhooks.TryGetValue(address.Id, out var webhookKey) || string.IsNullOrWhiteSpace(webhookKey))
        {
            return new DeliveryOutcome.Failed($"no WeCom:RobotWebhooks entry for team '{address.Id}'");
        }

        var robot = Robot(address.Id);
        var now = clock.GetTimestamp();
        lock (_gate)
        {
            robot.Prune(clock, now);
            if (robot.Delivered.Remove(delivery.Id))
            {
                return new DeliveryOutcome.Sent(null); // went out earlier inside another reply's digest
            }
        }

        var messages = TemplateCardRenderer.RenderMarkdown(delivery.Reply, TemplateCardRenderer.RobotMarkdownMaxBytes);
        if (messages.Count == 0)
        {
            return new DeliveryOutcome.Failed("empty reply");
        }

        var start = Next(delivery.Id);
        for (var i = start; i < messages.Count; i++)
        {
            List<(Guid Id, string Text)> batch;
            lock (_gate)
            {
                if (!robot.Window.TryTake(clock, out var wait))
                {
                    if (messages.Count - i == 1)
                    {
                        // Wait in the outbox, but be remembered: the next send to this robot takes us along.
                        robot.Pending.TryAdd(delivery.Id, new PendingReply(messages[i], now));
                    }

                    return Pause(delivery.Id, i, new DeliveryOutcome.RetryLater("robot limit of 20 messages a minute; queued for the next digest", wait));
                }

                batch = [(delivery.Id, messages[i])];
                if (messages.Count - i == 1)
                {
                    // One digest: this reply and the ones waiting for this robot, in the order they first came.
                    var since = robot.Pending.Remove(delivery.Id, out var mine) ? mine.Since : now;
                    batch = [.. robot.TakeDigest(messages[i], TemplateCardRenderer.RobotMarkdownMaxBytes)
                        .Append((Id: delivery.Id, Text: messages[i], Since: since))
                        .OrderBy(b => b.Since)
                        .Select(b => (b.Id, b.Text))];
                }
            }

            var result = await api.SendRobotAsync(
                webhookKey,
                new JsonObject
                {
                    ["msgtype"] = "markdown",
                    ["markdown"] = new JsonObject { ["content"] = string.Join("\n\n", batch.Select(b => b.Text)) },
                },
                cancellationToken);
            var outcome = Outcome(result, part: null);

            lock (_gate)
            {
                foreach (var (id, text) in batch.Where(b => b.Id != delivery.Id))
                {
                    if (outcome is DeliveryOutcome.Sent)
                    {
                        robot.Delivered[id] = now;
                    }
                    else
                    {
                        robot.Pending.TryAdd(id, new PendingReply(text, now)); // not sent: each goes again on its own
                    }
                }

                if (result.ErrCode == 45009)
                {
                    robot.Window.Block(clock, TimeSpan.FromSeconds(60));
                }
            }

            if (batch.Count > 1 && outcome is DeliveryOutcome.Sent)
            {
                Log.RobotDigestSent(logger, address.Id, batch.Count);
            }

            if (outcome is not DeliveryOutcome.Sent)
            {
                return outcome is DeliveryOutcome.RetryLater ? Pause(delivery.Id, i, outcome) : Stop(delivery.Id, outcome);
            }
        }

        Forget(delivery.Id);
        return new DeliveryOutcome.Sent(null);
    }

    /// <summary>
    /// The response code that lets this delivery replace an earlier card: the one WeCom returned when that card was
    /// sent, recorded in its external id and handed back as <see cref="Delivery.ReplacesExternalId"/>; null once it
    /// is 72 h old (each code also works only once: a refusal falls back to a new message).
    /// </summary>
    private string? UpdatableCode(Delivery delivery)
    {
        if (!WeComMessageRef.TryParse(delivery.ReplacesExternalId, out var earlier) || earlier.ResponseCode is null)
        {
            return null;
        }

        var age = clock.GetUtcNow().ToUnixTimeSeconds() - earlier.IssuedAt;
        return age < ResponseCodeLifetime.TotalSeconds ? earlier.ResponseCode : null;
    }

    private JsonObject MemberMessage(string userId, WeComPart part)
    {
        var message = new JsonObject { ["touser"] = userId, ["agentid"] = _options.AgentId };
        switch (part)
        {
            case TemplateCardPart card:
                message["msgtype"] = "template_card";
                message["template_card"] = card.Card.DeepClone();
                break;
            case MarkdownPart markdown:
                message["msgtype"] = "markdown";
                message["markdown"] = new JsonObject { ["content"] = markdown.Content };
                break;
        }

        return message;
    }

    /// <summary>What a call's answer means for the delivery (reference §5.1, §5.5, §5.6).</summary>
    private static DeliveryOutcome Outcome(WeComApiResult result, WeComPart? part)
    {
        if (result.IsOk)
        {
            // errcode 0 still lists recipients it could not reach; each send has exactly one.
            var invalid = Text(result.Body, "invaliduser") ?? Text(result.Body, "unlicenseduser");
            return invalid is { Length: > 0 }
                ? new DeliveryOutcome.Failed($"WeCom did not deliver to '{invalid}' (not in the app's range or not licensed)")
                : new DeliveryOutcome.Sent(null);
        }

        if (result.Status == WeComCallStatus.RetryLater)
        {
            return new DeliveryOutcome.RetryLater(Reason(result), result.RetryAfter);
        }

        return result.ErrCode switch
        {
            // The card's task id (derived from the outbox id) exists: this row's card went out before.
            42014 when part is TemplateCardPart => new DeliveryOutcome.Sent(null),
            60111 or 81013 or 60011 or 60102 or 60103 =>
                new DeliveryOutcome.Failed($"recipient cannot be reached: {Reason(result)}"),
            93000 or 93004 => new DeliveryOutcome.Failed($"robot removed or disabled: {Reason(result)}"),

            // Configuration an admin can fix (secret, corp id, trusted IP, agent id, app permissions): keep the row.
            40001 or 40013 or 40091 or 60020 or 301002 or 48002 or 40056 =>
                new DeliveryOutcome.RetryLater($"WeCom configuration: {Reason(result)}", ConfigurationRetry),
            _ => new DeliveryOutcome.Failed(Reason(result)),
        };
    }

    private static string Reason(WeComApiResult result) => result.ErrCode == 0
        ? result.ErrMsg
        : string.Create(CultureInfo.InvariantCulture, $"errcode {result.ErrCode} {result.ErrMsg}");

    private WeComMessageRef? Prefer(WeComMessageRef? current, WeComPart part, WeComApiResult result)
    {
        // A card's ref (with the send's response code) is the one worth keeping for a later in-place update.
        if (current?.ResponseCode is not null)
        {
            return current;
        }

        var msgId = Text(result.Body, "msgid");
        var code = part is TemplateCardPart ? Text(result.Body, "response_code") : null;
        if (msgId is null && code is null)
        {
            return current;
        }

        return new WeComMessageRef(msgId, code, clock.GetUtcNow().ToUnixTimeSeconds());
    }

    private static string? Text(JsonObject? body, string name) =>
        body?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private bool TakeMemberSlot(string userId, out TimeSpan wait)
    {
        lock (_gate)
        {
            if (!_members.TryGetValue(userId, out var window))
            {
                if (_members.Count > 10_000)
                {
                    foreach (var idle in _members.Where(m => m.Value.IsIdle(clock)).Select(m => m.Key).ToList())
                    {
                        _members.Remove(idle);
                    }
                }

                window = new SendWindow(_options.MessagesPerUserPerMinute, TimeSpan.FromMinutes(1));
                _members[userId] = window;
            }

            return window.TryTake(clock, out wait);
        }
    }

    private RobotState Robot(string teamId)
    {
        lock (_gate)
        {
            if (!_robots.TryGetValue(teamId, out var robot))
            {
                robot = new RobotState(new SendWindow(_options.RobotMessagesPerMinute, TimeSpan.FromMinutes(1)));
                _robots[teamId] = robot;
            }

            return robot;
        }
    }

    private int Next(Guid deliveryId)
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            foreach (var stale in _progress.Where(p => clock.GetElapsedTime(p.Value.Since, now) > MemoryLifetime).Select(p => p.Key).ToList())
            {
                _progress.Remove(stale);
            }

            return _progress.TryGetValue(deliveryId, out var progress) ? progress.Next : 0;
        }
    }

    private DeliveryOutcome Pause(Guid deliveryId, int next, DeliveryOutcome outcome)
    {
        lock (_gate)
        {
            _progress[deliveryId] = (next, clock.GetTimestamp());
        }

        return outcome;
    }

    private DeliveryOutcome Stop(Guid deliveryId, DeliveryOutcome outcome)
    {
        Forget(deliveryId);
        return outcome;
    }

    private void Forget(Guid deliveryId)
    {
        lock (_gate)
        {
            _progress.Remove(deliveryId);
        }
    }

    /// <summary>Greys out an earlier card's buttons with a short label ("已处理"), for a replacement that has no buttons.</summary>
    private sealed record ButtonsDonePart(string Locale) : WeComPart
    {
        public string Label => Locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "已处理" : "Done";
    }

    /// <summary>A reply waiting for a robot slot, remembered so the next send to the robot takes it along.</summary>
    private sealed record PendingReply(string Text, long Since);

    /// <summary>What the sender knows about one robot: its rate window, waiting replies and digested ones.</summary>
    private sealed class RobotState(SendWindow window)
    {
        public SendWindow Window { get; } = window;

        public Dictionary<Guid, PendingReply> Pending { get; } = [];

        /// <summary>Replies that went out inside another's digest, until their own retry asks.</summary>
        public Dictionary<Guid, long> Delivered { get; } = [];

        /// <summary>Removes and returns the waiting replies, oldest first, that fit with <paramref name="first"/>.</summary>
        public List<(Guid Id, string Text, long Since)> TakeDigest(string first, int maxBytes)
        {
            var taken = new List<(Guid, string, long)>();
            var bytes = System.Text.Encoding.UTF8.GetByteCount(first);
            foreach (var (id, pending) in Pending.OrderBy(p => p.Value.Since).ToList())
            {
                var more = System.Text.Encoding.UTF8.GetByteCount(pending.Text) + 2;
                if (bytes + more > maxBytes)
                {
                    continue;
                }

                bytes += more;
                taken.Add((id, pending.Text, pending.Since));
                Pending.Remove(id);
            }

            return taken;
        }

        public void Prune(TimeProvider clock, long now)
        {
            foreach (var id in Pending.Where(p => clock.GetElapsedTime(p.Value.Since, now) > MemoryLifetime).Select(p => p.Key).ToList())
            {
                Pending.Remove(id); // still in the outbox: it is sent on its own when retried
            }

            foreach (var id in Delivered.Where(d => clock.GetElapsedTime(d.Value, now) > MemoryLifetime).Select(d => d.Key).ToList())
            {
                Delivered.Remove(id);
            }
        }
    }
}

/// <summary>
/// A sliding one-period window of at most <c>limit</c> sends, on the monotonic clock. Not thread-safe: callers lock.
/// </summary>
internal sealed class SendWindow(int limit, TimeSpan period)
{
    private readonly Queue<long> _sent = new();
    private long _blockedUntil;

    public bool TryTake(TimeProvider clock, out TimeSpan wait)
    {
        var now = clock.GetTimestamp();
        while (_sent.Count > 0 && clock.GetElapsedTime(_sent.Peek(), now) >= period)
        {
            _sent.Dequeue();
        }

        if (_blockedUntil > now)
        {
            wait = clock.GetElapsedTime(now, _blockedUntil);
            return false;
        }

        if (_sent.Count >= limit)
        {
            wait = period - clock.GetElapsedTime(_sent.Peek(), now);
            return false;
        }

        _sent.Enqueue(now);
        wait = TimeSpan.Zero;
        return true;
    }

    /// <summary>WeCom said we are over the limit: take nothing until <paramref name="duration"/> has passed.</summary>
    public void Block(TimeProvider clock, TimeSpan duration) =>
        _blockedUntil = clock.GetTimestamp() + (long)(duration.TotalSeconds * clock.TimestampFrequency);

    public bool IsIdle(TimeProvider clock) =>
        _sent.Count == 0 || clock.GetElapsedTime(_sent.Last()) >= period;
}

/// <summary>
/// The <see cref="DeliveryOutcome.Sent.ExternalId"/> of a WeCom message: <c>m:{msgid}</c>, plus
/// <c>|rc:{responseCode}|t:{unixSeconds}</c> for a template card, whose send-time response code can replace it
/// once within 72 h (a later delivery passes it back as <see cref="Delivery.ReplacesExternalId"/>).
/// </summary>
internal sealed record WeComMessageRef(string? MsgId, string? ResponseCode, long IssuedAt)
{
    public string Format()
    {
        var text = "m:" + WeComAddress.Escape(MsgId ?? string.Empty);
        return ResponseCode is null
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"{text}|rc:{WeComAddress.Escape(ResponseCode)}|t:{IssuedAt}");
    }

    public static bool TryParse(string? text, out WeComMessageRef reference)
    {
        reference = null!;
        if (string.IsNullOrEmpty(text) || !text.StartsWith("m:", StringComparison.Ordinal))
        {
            return false;
        }

        string? msgId = null;
        string? code = null;
        long issuedAt = 0;
        foreach (var segment in text.Split('|'))
        {
            if (segment.StartsWith("m:", StringComparison.Ordinal))
            {
                msgId = WeComAddress.Unescape(segment[2..]);
            }
            else if (segment.StartsWith("rc:", StringComparison.Ordinal))
            {
                code = WeComAddress.Unescape(segment[3..]);
            }
            else if (segment.StartsWith("t:", StringComparison.Ordinal))
            {
                _ = long.TryParse(segment.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out issuedAt);
            }
        }

        reference = new WeComMessageRef(
            string.IsNullOrEmpty(msgId) ? null : msgId,
            string.IsNullOrEmpty(code) || issuedAt == 0 ? null : code,
            issuedAt);
        return true;
    }
}
