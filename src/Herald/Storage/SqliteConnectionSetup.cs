using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Herald.Storage;

/// <summary>
/// Settings SQLite keeps per connection, applied each time one opens. A writer that finds the
/// file locked waits inside SQLite in steps of a few milliseconds (busy_timeout, as long as the
/// connection's <c>Default Timeout</c>) instead of failing back to the driver, whose retry
/// sleeps far longer; with write-ahead logging, synchronous=NORMAL syncs at checkpoints rather
/// than at every commit, and a commit stays durable across a process crash.
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Pragmas(DbConnection connection)
    {
        var waitMs = (long)((SqliteConnection)connection).DefaultTimeout * 1000;
        return $"PRAGMA busy_timeout = {waitMs}; PRAGMA synchronous = NORMAL;";
    }
}
