using Microsoft.Extensions.DependencyInjection;
using OppBot.Adapters.Persistence;
using OppBot.Bot.Tests.Support;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;

// Not OppBot.Bot.Tests.Delivery: a namespace of that name would hide the domain's Delivery type from every test.
namespace OppBot.Bot.Tests;

public sealed class DeliveryLoopTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Queued = TimeProvider.System.GetUtcNow();

    private readonly OppBotFactory _factory = new();

    [Fact]
    public async Task Loop_ManyMessages_EachDeliveredOnceInOrderPerConversation()
    {
        var messages = Enumerable.Range(0, 12).Select(i => Message($"chat-{i % 3}", $"#{i}", Queued.AddMilliseconds(i))).ToArray();

        await _factory.EnqueueAsync(messages);
        await _factory.Sender.WaitForDeliveredAsync(messages.Length);
        await Task.Delay(500); // a few more polls: nothing is sent again

        var delivered = _factory.Sender.Delivered;
        Assert.Equal(messages.Select(m => m.Id).Order(), delivered.Select(d => d.Id).Order());
        foreach (var conversation in messages.GroupBy(m => m.Address.Key))
        {
            Assert.Equal(conversation.Select(m => m.Id), delivered.Where(d => d.Address.Key == conversation.Key).Select(d => d.Id));
        }

        var stored = await _factory.OutgoingAsync(messages[0].Id);
        Assert.NotNull(stored.SentAt);
        Assert.Equal("ext-" + messages[0].Id.ToString("N"), stored.ExternalId);
        Assert.Equal(1, stored.Attempts);
        Assert.Null(stored.LeaseOwner);
    }

    [Fact]
    public async Task Loop_ChannelDownForAWhile_EachDeliveredExactlyOnceInOrder()
    {
        _factory.Sender.FailNext(4); // no Retry-After: the loop's own backoff (50 ms doubling in tests)
        var messages = Enumerable.Range(0, 5).Select(i => Message("chat-a", $"#{i}", Queued.AddMilliseconds(i))).ToArray();

        await _factory.EnqueueAsync(messages);
        await _factory.Sender.WaitForDeliveredAsync(messages.Length);
        await Task.Delay(500);

        Assert.Equal(messages.Select(m => m.Id), _factory.Sender.Delivered.Select(d => d.Id));
        Assert.Equal(4, _factory.Sender.Attempts.Count(a => a.Outcome is DeliveryOutcome.RetryLater));
        var first = await _factory.OutgoingAsync(messages[0].Id);
        Assert.Equal(5, first.Attempts); // four failures, then the send
        Assert.Equal("simulated outage", first.FailureReason); // kept for diagnosis
        Assert.NotNull(first.SentAt);
    }

    [Fact]
    public async Task Loop_ChannelSaysRetryAfter_WaitsThatLong()
    {
        _factory.Sender.FailNext(1, after: TimeSpan.FromMilliseconds(700));
        var message = Message("chat-a", "hello", Queued);

        await _factory.EnqueueAsync(message);
        await _factory.Sender.WaitForDeliveredAsync(1);

        var attempts = _factory.Sender.Attempts;
        var retry = Assert.Single(attempts, a => a.Outcome is DeliveryOutcome.RetryLater);
        var stored = await _factory.OutgoingAsync(message.Id);
        Assert.Equal(2, stored.Attempts);
        Assert.True(stored.NextAttemptAt - stored.CreatedAt >= TimeSpan.FromMilliseconds(700), "the retry was scheduled after the channel's Retry-After");
        Assert.Equal(message.Id, retry.Delivery.Id);
    }

    [Fact]
    public async Task Loop_ChannelRefusesForGood_RecordedAsFailedWithTheReason()
    {
        _factory.Sender.Refuse("chat-gone", "The bot was removed from the conversation.");
        var gone = Message("chat-gone", "hello", Queued);
        var fine = Message("chat-fine", "hello", Queued);

        await _factory.EnqueueAsync(gone, fine);
        await _factory.Sender.WaitForDeliveredAsync(1);
        var stored = await WaitUntilAsync(() => _factory.OutgoingAsync(gone.Id), m => m.FailedAt is not null);

        Assert.Equal("The bot was removed from the conversation.", stored.FailureReason);
        Assert.Null(stored.SentAt);
        Assert.Single(_factory.Sender.Attempts, a => a.Delivery.Id == gone.Id); // never tried again
        var failed = await _factory.Services.GetRequiredService<OutboxStore>().ListFailedAsync(10, CancellationToken.None);
        Assert.Contains(failed, m => m.Id == gone.Id);
    }

    [Fact]
    public async Task Loop_NoSenderForTheChannel_FailedNamingTheChannel()
    {
        var message = new OutgoingMessage(new ConversationAddress("carrier-pigeon", "coop-1"), Reply.FromText("hi", "en"), MessagePurpose.Reply, Queued);

        await _factory.EnqueueAsync(message);
        var stored = await WaitUntilAsync(() => _factory.OutgoingAsync(message.Id), m => m.FailedAt is not null);

        Assert.Contains("'carrier-pigeon'", stored.FailureReason, StringComparison.Ordinal);
        Assert.Empty(_factory.Sender.Attempts);
    }

    [Fact]
    public async Task Loop_ReplacesAnEarlierMessage_PassesItsExternalId()
    {
        var card = Message("chat-a", "approval card", Queued);
        await _factory.EnqueueAsync(card);
        await _factory.Sender.WaitForDeliveredAsync(1);
        var update = Message("chat-a", "approved", Queued.AddSeconds(1)).Replacing(card.Id);

        await _factory.EnqueueAsync(update);
        await _factory.Sender.WaitForDeliveredAsync(2);

        var sent = _factory.Sender.Delivered.Single(d => d.Id == update.Id);
        Assert.Equal("ext-" + card.Id.ToString("N"), sent.ReplacesExternalId);
    }

    [Fact]
    public async Task Loop_AfterRestartOnTheSameDatabase_SendsNothingTwice()
    {
        var path = OppBotFactory.NewDatabasePath();
        var messages = Enumerable.Range(0, 5).Select(i => Message("chat-a", $"#{i}", Queued.AddMilliseconds(i))).ToArray();
        try
        {
            await using (var first = new OppBotFactory(databasePath: path))
            {
                await first.EnqueueAsync(messages);
                await first.Sender.WaitForDeliveredAsync(messages.Length);
            }

            await using var second = new OppBotFactory(databasePath: path);
            _ = second.Services; // start it
            await Task.Delay(1_000); // ten polls of the outbox
            Assert.Empty(second.Sender.Attempts);

            var later = Message("chat-a", "after the restart", Queued.AddSeconds(1));
            await second.EnqueueAsync(later);
            await second.Sender.WaitForDeliveredAsync(1);
            await Task.Delay(300);
            Assert.Equal([later.Id], second.Sender.Attempts.Select(a => a.Delivery.Id));
        }
        finally
        {
            OppBotFactory.DeleteDatabase(path);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static OutgoingMessage Message(string key, string text, DateTimeOffset at) =>
        new(new ConversationAddress(RecordingChannelSender.DefaultChannel, key), Reply.FromText(text, "en"), MessagePurpose.Reply, at);

    private static async Task<T> WaitUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "timed out");
            await Task.Delay(50);
        }
    }
}
