using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OppBot.Adapters.Persistence;

/// <summary>
/// SQLite only: lets SQLite itself wait for the write lock (<c>sqlite3_busy_timeout</c>) on every connection OppBot
/// opens. Microsoft.Data.Sqlite sets no busy timeout and retries a busy statement after a fixed 150 ms sleep, so two
/// turns saving at the same moment cost the second one 150 ms; SQLite's own handler retries within a millisecond or
/// two. Measured in docs/performance.md (chat turns at 16 conversations).
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    /// <summary>How long a statement waits for another writer before SQLite reports busy (and the driver's slow retry takes over).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SQLitePCL.raw.sqlite3_busy_timeout(handle, (int)Timeout.TotalMilliseconds);
        }
    }
}
