using Microsoft.Extensions.Logging;

namespace Herald.Delivery;

internal static partial class DeliveryLog
{
    [LoggerMessage(2001, LogLevel.Debug, "Dispatched {Delivered} outbox entries ({Failed} failed) in {ElapsedMs} ms.", EventName = "BatchDispatched")]
    public static partial void BatchDispatched(
        ILogger logger,
        int delivered,
        int failed,
        long elapsedMs);

    [LoggerMessage(2002, LogLevel.Warning, "Delivery of notification {NotificationId} over {Channel} failed (attempt {Attempt}); next try at {RetryAt:O}. {Reason}", EventName = "DeliveryFailed")]
    public static partial void DeliveryFailed(
        ILogger logger,
        Guid notificationId,
        string channel,
        int attempt,
        DateTime retryAt,
        string reason);

    [LoggerMessage(2003, LogLevel.Error, "Delivery of notification {NotificationId} over {Channel} failed {Attempt} times and is given up. {Reason}", EventName = "DeliveryDead")]
    public static partial void DeliveryDead(
        ILogger logger,
        Guid notificationId,
        string channel,
        int attempt,
        string reason);

    [LoggerMessage(2004, LogLevel.Error, "The dispatcher pass failed; it runs again in {RetryDelayMs} ms.", EventName = "PassFailed")]
    public static partial void PassFailed(ILogger logger, long retryDelayMs, Exception exception);

    [LoggerMessage(2005, LogLevel.Information, "Removed {Count} delivered outbox entries older than {Cutoff:O}.", EventName = "CleanedUp")]
    public static partial void CleanedUp(ILogger logger, int count, DateTime cutoff);

    [LoggerMessage(2006, LogLevel.Error, "Outbox entries name channel {Channel}, which is not registered; they count as failed deliveries.", EventName = "UnknownChannel")]
    public static partial void UnknownChannel(ILogger logger, string channel);

    [LoggerMessage(2007, LogLevel.Information, "Fan-out {FanOutId} to {Audience}: wrote {Count} more notifications, {Total} so far.", EventName = "FanOutBatchWritten")]
    public static partial void FanOutBatchWritten(ILogger logger, Guid fanOutId, string audience, int count, long total);

    [LoggerMessage(2008, LogLevel.Information, "Fan-out {FanOutId} to {Audience} is complete: {Total} recipients.", EventName = "FanOutCompleted")]
    public static partial void FanOutCompleted(ILogger logger, Guid fanOutId, string audience, long total);

    [LoggerMessage(2009, LogLevel.Warning, "{Count} delivered outbox entries were claimed by another dispatcher before they could be marked: the pass took longer than the claim lease of {LeaseMs} ms, and they will be delivered again. Raise Herald:Outbox:ClaimLease.", EventName = "LeaseLost")]
    public static partial void LeaseLost(ILogger logger, int count, long leaseMs);
}
