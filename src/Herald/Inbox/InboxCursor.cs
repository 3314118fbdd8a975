using System.Globalization;

namespace Herald.Inbox;

/// <summary>
/// The inbox's page cursor. It is the stream position of a page's last item, which clients
/// treat as opaque; positions are unique per user, so a page boundary is exact.
/// </summary>
internal static class InboxCursor
{
    public static string Format(long position) => position.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out long position) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out position) && position > 0;
}
