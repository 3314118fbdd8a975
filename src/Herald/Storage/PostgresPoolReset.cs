using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Herald.Storage;

/// <summary>
/// Empties Npgsql's connection pool when a command finds its connection broken. A restarted or
/// failed-over PostgreSQL leaves every idle pooled connection dead, and the pool hands each out
/// once more before it finds out; after the first, the others are just as dead, so they are
/// dropped together and the next requests open fresh ones.
/// </summary>
internal sealed class PostgresPoolReset : DbCommandInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ResetIfBroken(command, eventData.Exception);

    public override Task CommandFailedAsync(
        DbCommand command,
        CommandErrorEventData eventData,
        CancellationToken cancellationToken = default)
    {
        ResetIfBroken(command, eventData.Exception);
        return Task.CompletedTask;
    }

    private static void ResetIfBroken(DbCommand command, Exception exception)
    {
        if (command.Connection is NpgsqlConnection connection && IsBrokenConnection(exception))
        {
            NpgsqlConnection.ClearPool(connection);
        }
    }

    /// <summary>
    /// The server went away (08: connection exception; 57P01 to 57P03: shut down, crashed, or
    /// not yet accepting connections), or the socket did.
    /// </summary>
    private static bool IsBrokenConnection(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException or EndOfStreamException } => true,
        _ => false,
    };
}
