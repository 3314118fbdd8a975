using Microsoft.Extensions.Logging;

namespace Herald.Client;

internal static partial class ClientLog
{
    [LoggerMessage(7001, LogLevel.Warning, "Lost the connection to Herald; reconnecting.", EventName = "Reconnecting")]
    public static partial void Reconnecting(ILogger logger, Exception? exception);

    [LoggerMessage(7002, LogLevel.Debug, "Resumed after position {After} with {Count} missed notifications; now at {Position}.", EventName = "Resumed")]
    public static partial void Resumed(ILogger logger, long? after, int count, long position);

    [LoggerMessage(7003, LogLevel.Information, "Too far behind after position {After} to be replayed; reload the inbox and go on from {Position}.", EventName = "ReloadRequired")]
    public static partial void ReloadRequired(ILogger logger, long? after, long position);

    [LoggerMessage(7004, LogLevel.Warning, "Catching up failed; the next reconnect tries again.", EventName = "ResumeFailed")]
    public static partial void ResumeFailed(ILogger logger, Exception exception);

    [LoggerMessage(7005, LogLevel.Debug, "At position {Position}, position {Pushed} arrived; fetching what lies between.", EventName = "GapFound")]
    public static partial void GapFound(ILogger logger, long position, long pushed);

    [LoggerMessage(7006, LogLevel.Warning, "At position {Position} after catching up, position {Pushed} still lies beyond a gap; left to the next resume.", EventName = "GapRemains")]
    public static partial void GapRemains(ILogger logger, long position, long pushed);

    [LoggerMessage(7007, LogLevel.Error, "A handler of {Event} threw.", EventName = "HandlerFailed")]
    public static partial void HandlerFailed(ILogger logger, string @event, Exception exception);

    [LoggerMessage(7008, LogLevel.Warning, "The connection to Herald was closed; starting it again.", EventName = "Closed")]
    public static partial void Closed(ILogger logger, Exception? exception);

    [LoggerMessage(7009, LogLevel.Warning, "Starting the connection again failed (attempt {Attempt}).", EventName = "RestartFailed")]
    public static partial void RestartFailed(ILogger logger, int attempt, Exception exception);
}
