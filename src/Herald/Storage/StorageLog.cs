using Microsoft.Extensions.Logging;

namespace Herald.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(4001, LogLevel.Information, "Applied {Count} storage migrations in {ElapsedMs} ms.", EventName = "MigrationsApplied")]
    public static partial void MigrationsApplied(ILogger logger, int count, long elapsedMs);
}
