using Microsoft.Extensions.Logging;

namespace Herald.Http;

internal static partial class HttpLog
{
    [LoggerMessage(6001, LogLevel.Warning, "{Method} {Path} met a busy or unreachable database and was answered 503: {Reason}", EventName = "StoreUnavailable")]
    public static partial void StoreUnavailable(ILogger logger, string method, string path, string reason);
}
