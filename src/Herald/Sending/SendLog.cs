using Microsoft.Extensions.Logging;

namespace Herald.Sending;

internal static partial class SendLog
{
    [LoggerMessage(5001, LogLevel.Information, "Accepted {Count} notifications for {Recipients} recipients.", EventName = "SendAccepted")]
    public static partial void SendAccepted(ILogger logger, int count, int recipients);

    [LoggerMessage(5002, LogLevel.Information, "Refused a send of {Count} notifications: {ErrorCount} problems.", EventName = "SendRefused")]
    public static partial void SendRefused(ILogger logger, int count, int errorCount);
}
