using Microsoft.Extensions.Logging;

namespace Herald.Sending;

internal static partial class SendLog
{
    [LoggerMessage(5001, LogLevel.Information, "Accepted {Count} notifications for {Recipients} recipients.", EventName = "SendAccepted")]
    public static partial void SendAccepted(ILogger logger, int count, int recipients);

    [LoggerMessage(5002, LogLevel.Information, "Refused a send of {Count} notifications: {ErrorCount} problems.", EventName = "SendRefused")]
    public static partial void SendRefused(ILogger logger, int count, int errorCount);

    [LoggerMessage(5003, LogLevel.Information, "A send with idempotency key {IdempotencyKey} came again; answered with its {Count} stored ids.", EventName = "SendReplayed")]
    public static partial void SendReplayed(ILogger logger, string idempotencyKey, int count);

    [LoggerMessage(5004, LogLevel.Information, "Refused a send: idempotency key {IdempotencyKey} was used before with other notifications.", EventName = "IdempotencyConflict")]
    public static partial void IdempotencyConflict(ILogger logger, string idempotencyKey);

    [LoggerMessage(5005, LogLevel.Information, "Wrote {Count} notifications for {Recipients} recipients into the caller's transaction; they count once it commits.", EventName = "SendJoined")]
    public static partial void SendJoined(ILogger logger, int count, int recipients);

    [LoggerMessage(5006, LogLevel.Information, "Accepted fan-out {FanOutId} to {Audience}; the dispatcher writes its recipients' notifications.", EventName = "FanOutAccepted")]
    public static partial void FanOutAccepted(ILogger logger, Guid fanOutId, string audience);
}
