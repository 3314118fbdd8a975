namespace Herald.Storage;

/// <summary>
/// The current time as every provider stores it: PostgreSQL keeps microseconds, .NET counts
/// tenths of them. A time pushed to clients from memory must equal the one read back later.
/// </summary>
internal static class StoredTime
{
    public static DateTime Now(TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
