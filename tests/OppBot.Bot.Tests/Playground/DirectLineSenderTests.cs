using Microsoft.Extensions.Logging.Abstractions;
using OppBot.Adapters.Teams.Cards;
using OppBot.Bot.Playground;
using OppBot.Bot.Tests.Persistence;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Tests.Fakes;

namespace OppBot.Bot.Tests.Playground;

public sealed class DirectLineSenderTests : IAsyncLifetime
{
    private static readonly ConversationAddress Manager = new("directline", "pg-demo-manager");
    private static readonly Card Approval = new() { Title = "Approval: moving #7", Actions = [new CardAction("Approve", Verbs.Approve)] };

    private readonly SqliteDatabase _database = new();
    private DirectLineTranscript _transcript = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _transcript = new DirectLineTranscript(_database.ParallelFactory, new ManualTimeProvider(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero)));
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task SendAsync_TextAndCard_WritesBothAndAnswersWithTheCardsId()
    {
        var delivery = new Delivery(Guid.NewGuid(), Manager, Reply.FromCard(Approval, "en", "Please decide"), null);

        var outcome = await CreateSut().SendAsync(delivery, default);

        var activities = (await _transcript.ReadAsync(Manager.Key, 0, default)).Activities;
        Assert.Equal(2, activities.Count);
        Assert.Equal(new DeliveryOutcome.Sent((string?)activities[1]["id"]), outcome);
        Assert.NotNull(DirectLineActivities.Card(activities[1]));
    }

    [Fact]
    public async Task SendAsync_SameOutboxRowTwice_WritesItOnce()
    {
        // A crash between the send and its mark sends the row again, with the same id.
        var delivery = new Delivery(Guid.NewGuid(), Manager, Reply.FromCard(Approval, "en", "Please decide"), null);
        var sut = CreateSut();

        var first = await sut.SendAsync(delivery, default);
        var again = await sut.SendAsync(delivery, default);

        Assert.Equal(first, again);
        Assert.Equal(2, (await _transcript.ReadAsync(Manager.Key, 0, default)).Activities.Count);
    }

    [Fact]
    public async Task SendAsync_Update_ReplacesTheEarlierCard()
    {
        var sut = CreateSut();
        var sent = (DeliveryOutcome.Sent)await sut.SendAsync(new Delivery(Guid.NewGuid(), Manager, Reply.FromCard(Approval, "en"), null), default);
        var decided = Approval with { Subtitle = "Approved by 王芳", Actions = [] };

        var outcome = await sut.SendAsync(new Delivery(Guid.NewGuid(), Manager, Reply.FromCard(decided, "en"), sent.ExternalId), default);

        Assert.Equal(sent, outcome);
        var card = DirectLineActivities.Card(Assert.Single((await _transcript.ReadAsync(Manager.Key, 0, default)).Activities))!;
        Assert.Contains("Approved by 王芳", card.ToJsonString(AdaptiveCard.JsonOptions), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_UpdateOfACardThatIsGone_PostsItAsANewMessage()
    {
        var outcome = await CreateSut().SendAsync(new Delivery(Guid.NewGuid(), Manager, Reply.FromCard(Approval, "en"), "no-such-activity"), default);

        var activity = Assert.Single((await _transcript.ReadAsync(Manager.Key, 0, default)).Activities);
        Assert.Equal(new DeliveryOutcome.Sent((string?)activity["id"]), outcome);
    }

    [Fact]
    public async Task SendAsync_EmptyReply_FailsForGood()
    {
        var outcome = await CreateSut().SendAsync(new Delivery(Guid.NewGuid(), Manager, new Reply(), null), default);

        Assert.IsType<DeliveryOutcome.Failed>(outcome);
    }

    private DirectLineSender CreateSut() => new(new DirectLineRenderer(new AdaptiveCardRenderer()), _transcript, NullLogger<DirectLineSender>.Instance);
}
