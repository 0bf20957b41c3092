using System.Text.Json.Nodes;
using OppBot.Bot.Playground;
using OppBot.Bot.Tests.Persistence;
using OppBot.Domain.Tests.Fakes;

namespace OppBot.Bot.Tests.Playground;

/// <summary>The transcript on SQLite.</summary>
public sealed class SqliteDirectLineTranscriptTests(SqliteDatabase database) : DirectLineTranscriptTests(database), IClassFixture<SqliteDatabase>;

/// <summary>The transcript on PostgreSQL (OPPBOT_TEST_PG), where racing writers really run at once.</summary>
public sealed class PostgresDirectLineTranscriptTests(PostgresDatabase database) : DirectLineTranscriptTests(database), IClassFixture<PostgresDatabase>, IPostgresTests;

/// <summary>
/// <see cref="DirectLineTranscript"/> on each database. The database is shared by a class's tests: each test writes
/// conversations of its own.
/// </summary>
public abstract class DirectLineTranscriptTests(StoreDatabase database)
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly string _c1 = "c1-" + Guid.NewGuid().ToString("N");
    private readonly string _c2 = "c2-" + Guid.NewGuid().ToString("N");

    [StoreFact]
    public async Task ReadAsync_AfterAWatermark_ReturnsOnlyLaterActivitiesAndTheLastPosition()
    {
        var sut = CreateSut();
        await sut.AppendAsync(_c1, [Activity("a"), Activity("b")], default);
        await sut.AppendAsync(_c1, [Activity("c")], default);
        await sut.AppendAsync(_c2, [Activity("x")], default);

        var all = await sut.ReadAsync(_c1, 0, default);
        var later = await sut.ReadAsync(_c1, 2, default);
        var none = await sut.ReadAsync(_c1, 3, default);

        Assert.Equal(["a", "b", "c"], all.Activities.Select(a => (string?)a["id"]));
        Assert.Equal(["c"], later.Activities.Select(a => (string?)a["id"]));
        Assert.Equal(3, later.Watermark);
        Assert.Empty(none.Activities);
        Assert.Equal(3, none.Watermark);
    }

    [StoreFact]
    public async Task AppendAsync_SameIdsAgain_AddsNothing()
    {
        // A repeated send of the same outbox row (a crash before it was marked sent).
        var sut = CreateSut();
        await sut.AppendAsync(_c1, [Activity("row-0"), Activity("row-1")], default);

        await sut.AppendAsync(_c1, [Activity("row-0"), Activity("row-1")], default);

        Assert.Equal(2, (await sut.ReadAsync(_c1, 0, default)).Activities.Count);
    }

    [StoreFact]
    public async Task AppendAsync_WithoutTimestamps_StampsThemInOrder()
    {
        var sut = CreateSut();

        await sut.AppendAsync(_c1, [Activity("a"), Activity("b")], default);

        var stamps = (await sut.ReadAsync(_c1, 0, default)).Activities.Select(a => (string)a["timestamp"]!).ToList();
        Assert.Equal(["2025-03-03T09:00:00.000Z", "2025-03-03T09:00:00.001Z"], stamps);
    }

    [StoreFact]
    public async Task ReplaceAsync_KnownActivity_ComesAgainAfterTheWatermarkWithItsIdAndTimestamp()
    {
        // Web Chat keeps one activity per id, ordered by timestamp: the update is drawn where the card was.
        var sut = CreateSut();
        await sut.AppendAsync(_c1, [Activity("card"), Activity("after")], default);
        var seen = await sut.ReadAsync(_c1, 0, default);
        _clock.Advance(TimeSpan.FromMinutes(5));

        var replaced = await sut.ReplaceAsync(_c1, "card", new JsonObject { ["type"] = "message", ["text"] = "approved" }, default);

        Assert.True(replaced);
        var update = Assert.Single((await sut.ReadAsync(_c1, seen.Watermark, default)).Activities);
        Assert.Equal("card", (string?)update["id"]);
        Assert.Equal("approved", (string?)update["text"]);
        Assert.Equal((string?)seen.Activities[0]["timestamp"], (string?)update["timestamp"]);

        // A client starting now sees the card once, in its new version.
        var fresh = await sut.ReadAsync(_c1, 0, default);
        Assert.Equal(["after", "card"], fresh.Activities.Select(a => (string?)a["id"]));
    }

    [StoreFact]
    public async Task ReplaceAsync_UnknownActivity_ReturnsFalse()
    {
        Assert.False(await CreateSut().ReplaceAsync(_c1, "nope", new JsonObject(), default));
    }

    [StoreFact]
    public async Task AppendAsync_ManyWritersAtOnce_GetEveryPositionOnce()
    {
        // The echo of a user's message and the bot's replies can be written at the same moment: a clash on a position
        // is retried, so no activity is lost and no position is used twice.
        var sut = CreateSut();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => sut.AppendAsync(_c1, [Activity($"a{i}")], default))));

        var all = await sut.ReadAsync(_c1, 0, default);
        Assert.Equal(12, all.Activities.Count);
        Assert.Equal(12, all.Watermark);
        Assert.Equal(12, all.Activities.Select(a => (string?)a["id"]).Distinct().Count());
    }

    [StoreFact]
    public async Task IsEmptyAsync_TellsWhetherAConversationHasActivities()
    {
        var sut = CreateSut();
        await sut.AppendAsync(_c1, [Activity("a")], default);

        Assert.False(await sut.IsEmptyAsync(_c1, default));
        Assert.True(await sut.IsEmptyAsync(_c2, default));
    }

    private DirectLineTranscript CreateSut() => new(database.ParallelFactory, _clock);

    private static JsonObject Activity(string id) => new() { ["type"] = "message", ["id"] = id, ["text"] = id };
}
