namespace Herald.Inbox;

/// <summary>
/// A user's counts, with the state version they were read at: of two counts, the one with the
/// higher version is the newer. Archived notifications count nowhere.
/// </summary>
/// <param name="Total">Unread notifications in the inbox (not archived).</param>
/// <param name="Unseen">Notifications in the inbox not yet seen, read or not: what a badge shows.</param>
/// <param name="ByType">Unread notifications in the inbox by type; types with none are left out.</param>
/// <param name="Version">The user's state version; grows with every change to their notifications.</param>
public sealed record UnreadCount(int Total, int Unseen, IReadOnlyDictionary<string, int> ByType, long Version)
{
    public static UnreadCount Empty { get; } = new(0, 0, new Dictionary<string, int>(), 0);
}
