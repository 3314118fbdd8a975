using Microsoft.Extensions.Logging;

namespace Herald.Realtime;

internal static partial class RealtimeLog
{
    [LoggerMessage(1001, LogLevel.Debug, "Connection {ConnectionId} opened for user {UserId}.", EventName = "ConnectionOpened")]
    public static partial void ConnectionOpened(ILogger logger, string connectionId, string userId);

    [LoggerMessage(1002, LogLevel.Debug, "Connection {ConnectionId} of user {UserId} closed.", EventName = "ConnectionClosed")]
    public static partial void ConnectionClosed(ILogger logger, string connectionId, string userId);

    [LoggerMessage(1003, LogLevel.Debug, "Connection {ConnectionId} of user {UserId} closed with an error.", EventName = "ConnectionFailed")]
    public static partial void ConnectionFailed(
        ILogger logger,
        string connectionId,
        string userId,
        Exception exception);

    [LoggerMessage(1004, LogLevel.Information, "Connection {ConnectionId} carries no user id and was refused.", EventName = "ConnectionWithoutUser")]
    public static partial void ConnectionWithoutUser(ILogger logger, string connectionId);

    [LoggerMessage(1005, LogLevel.Warning, "Pushing to user {UserId} failed.", EventName = "PushFailed")]
    public static partial void PushFailed(ILogger logger, string userId, Exception exception);

    [LoggerMessage(1006, LogLevel.Debug, "Connection {ConnectionId} of user {UserId} resumed after position {After} with {Count} notifications.", EventName = "Resumed")]
    public static partial void Resumed(ILogger logger, string connectionId, string userId, long after, int count);

    [LoggerMessage(1007, LogLevel.Information, "Connection {ConnectionId} of user {UserId} asked to resume after position {After} with the stream at {Head}; told to reload.", EventName = "ReloadSignalled")]
    public static partial void ReloadSignalled(ILogger logger, string connectionId, string userId, long after, long head);

    [LoggerMessage(1008, LogLevel.Warning, "The Redis backplane cannot be reached: {Reason}", EventName = "BackplaneUnreachable")]
    public static partial void BackplaneUnreachable(ILogger logger, string reason);

    [LoggerMessage(1009, LogLevel.Information, "Redis is back: telling {Connections} connections of {Users} users on this node to resume.", EventName = "Resyncing")]
    public static partial void Resyncing(ILogger logger, int users, int connections);

    [LoggerMessage(1010, LogLevel.Warning, "Telling the connections of {Users} users to resume failed; they catch up at their next push.", EventName = "ResyncFailed")]
    public static partial void ResyncFailed(ILogger logger, int users, Exception exception);
}
