using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OppBot.Adapters.Persistence;
using OppBot.Adapters.Persistence.Mapping;

namespace OppBot.Bot.Playground;

/// <summary>A page of a conversation's activities and the watermark to ask from next time.</summary>
/// <param name="Activities">The activities after the watermark the client sent, oldest first.</param>
/// <param name="Watermark">The position of the last activity in the conversation.</param>
public sealed record DirectLineActivityGroup(IReadOnlyList<JsonObject> Activities, long Watermark);

/// <summary>
/// The transcripts of the playground's Direct Line conversations, in the app's database (<c>directline_activities</c>),
/// so every instance serves every conversation and a restart loses nothing. Each activity gets the next position of its
/// conversation (the polling watermark); an update of a card is written as a new position with the same activity id and
/// the original timestamp, and the old row goes, so a client that polls sees it once more and Web Chat, which keeps one
/// activity per id in timestamp order, redraws it where it was.
/// </summary>
/// <remarks>
/// Positions are taken as the conversation's highest plus one and the primary key is (conversation, position): when two
/// writers race, one insert fails and is retried with the next position, so positions are never committed out of order
/// and a client never skips an activity by polling between two commits.
/// </remarks>
public sealed class DirectLineTranscript(IDbContextFactory<OppBotDbContext> contexts, TimeProvider clock)
{
    // A writer loses a race only to one that committed, so with N writers at once none loses more than N - 1 times; a
    // conversation has two or three (the user's echo, the delivery loop), tests twelve.
    private const int MaxAttempts = 20;

    /// <summary>
    /// Appends activities (each with its <c>id</c> set) at the next positions, stamping each without a <c>timestamp</c>
    /// one millisecond after the previous, so Web Chat keeps them in order. Activities whose id is already in the
    /// conversation are skipped: a repeated send of the same outbox row adds nothing.
    /// </summary>
    public async Task AppendAsync(string conversationId, IReadOnlyList<JsonObject> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var ids = activities.Select(a => (string?)a["id"] ?? throw new ArgumentException("Every activity needs an id.", nameof(activities))).ToList();
        await WithRetriesAsync(async db =>
        {
            var known = await db.Set<DirectLineActivityRecord>()
                .Where(r => r.ConversationId == conversationId && ids.Contains(r.ActivityId))
                .Select(r => r.ActivityId)
                .ToListAsync(cancellationToken);
            var next = await LastAsync(db, conversationId, cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var (activity, i) in activities.Select((a, i) => (a, i)).Where(x => !known.Contains(ids[x.i])))
            {
                var row = activity.DeepClone().AsObject();
                row["timestamp"] ??= DirectLineRenderer.Timestamp(now.AddMilliseconds(i));
                db.Add(new DirectLineActivityRecord(conversationId, ++next, ids[i], row.ToJsonString(), now));
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Replaces the activity <paramref name="activityId"/> with <paramref name="activity"/> (given that id and the
    /// original's timestamp) at the next position. False when the conversation has no such activity.
    /// </summary>
    public async Task<bool> ReplaceAsync(string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var found = false;
        await WithRetriesAsync(async db =>
        {
            var old = await db.Set<DirectLineActivityRecord>()
                .FirstOrDefaultAsync(r => r.ConversationId == conversationId && r.ActivityId == activityId, cancellationToken);
            found = old is not null;
            if (old is null)
            {
                return;
            }

            var row = activity.DeepClone().AsObject();
            row["id"] = activityId;
            row["timestamp"] = (string?)JsonNode.Parse(old.Activity)?["timestamp"] ?? DirectLineRenderer.Timestamp(clock.GetUtcNow());
            var next = await LastAsync(db, conversationId, cancellationToken);
            db.Remove(old);
            db.Add(new DirectLineActivityRecord(conversationId, next + 1, activityId, row.ToJsonString(), clock.GetUtcNow()));
        }, cancellationToken);
        return found;
    }

    /// <summary>The activities after position <paramref name="watermark"/>, and the conversation's last position.</summary>
    public async Task<DirectLineActivityGroup> ReadAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<DirectLineActivityRecord>().AsNoTracking()
            .Where(r => r.ConversationId == conversationId && r.Sequence > watermark)
            .OrderBy(r => r.Sequence)
            .Select(r => new { r.Sequence, r.Activity })
            .ToListAsync(cancellationToken);
        var last = rows.Count > 0 ? rows[^1].Sequence : await LastAsync(db, conversationId, cancellationToken);
        return new DirectLineActivityGroup(rows.Select(r => JsonNode.Parse(r.Activity)!.AsObject()).ToList(), last);
    }

    /// <summary>Whether the conversation has no activity yet.</summary>
    public async Task<bool> IsEmptyAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.Set<DirectLineActivityRecord>().AnyAsync(r => r.ConversationId == conversationId, cancellationToken);
    }

    private static async Task<long> LastAsync(OppBotDbContext db, string conversationId, CancellationToken cancellationToken) =>
        await db.Set<DirectLineActivityRecord>()
            .Where(r => r.ConversationId == conversationId)
            .MaxAsync(r => (long?)r.Sequence, cancellationToken) ?? 0;

    // One unit of work per attempt: a clash on a position (another writer took it) is retried from a fresh read.
    private async Task WithRetriesAsync(Func<OppBotDbContext, Task> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await write(db);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Someone appended to the same conversation meanwhile.
            }
        }
    }
}
