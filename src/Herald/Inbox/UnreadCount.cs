namespace Herald.Inbox;

/// <summary>
/// A user's unread notifications, in all and by type, with the state version it was read at:
/// of two counts, the one with the higher version is the newer.
/// </summary>
public sealed record UnreadCount(int Total, IReadOnlyDictionary<string, int> ByType, long Version)
{
    public static UnreadCount Empty { get; } = new(0, new Dictionary<string, int>(), 0);
}
