using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Inbox;

/// <summary>
/// Counts unread and unseen notifications from the notifications themselves, so a count cannot
/// drift from the rows it counts. Partial indexes on unread and on unseen rows keep each count
/// to the rows it counts, however long the user's history.
/// </summary>
public static class UnreadCounter
{
    /// <summary>The counts of one user.</summary>
    public static async Task<UnreadCount> CountAsync(HeraldStore store, string user, CancellationToken cancellationToken)
    {
        var counts = await CountAsync(store, [user], cancellationToken);
        return counts[user];
    }

    /// <summary>The counts of several users, in three queries whatever their number.</summary>
    public static async Task<Dictionary<string, UnreadCount>> CountAsync(
        HeraldStore store,
        IReadOnlyCollection<string> users,
        CancellationToken cancellationToken)
    {
        // The version is read before the counts, so counts are never older than the version
        // they carry: a client that keeps the highest version never keeps a stale count. (A
        // transaction would give the same with a write lock on SQLite, stalling behind sends.)
        var versions = await store.Streams.AsNoTracking()
            .Where(s => users.Contains(s.Recipient))
            .Select(s => new { s.Recipient, s.Version })
            .ToDictionaryAsync(s => s.Recipient, s => s.Version, StringComparer.Ordinal, cancellationToken);

        var unread = await store.Notifications.AsNoTracking()
            .Where(n => users.Contains(n.Recipient) && n.ReadAt == null && n.ArchivedAt == null)
            .GroupBy(n => new { n.Recipient, n.Type })
            .Select(g => new { g.Key.Recipient, g.Key.Type, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var unseen = await store.Notifications.AsNoTracking()
            .Where(n => users.Contains(n.Recipient) && n.SeenAt == null && n.ArchivedAt == null)
            .GroupBy(n => n.Recipient)
            .Select(g => new { Recipient = g.Key, Count = g.Count() })
            .ToDictionaryAsync(r => r.Recipient, r => r.Count, StringComparer.Ordinal, cancellationToken);

        var byUser = unread.ToLookup(r => r.Recipient, StringComparer.Ordinal);
        var result = new Dictionary<string, UnreadCount>(StringComparer.Ordinal);

        foreach (var user in users)
        {
            var byType = byUser[user].ToDictionary(r => r.Type, r => r.Count, StringComparer.Ordinal);
            result[user] = new UnreadCount(
                byType.Values.Sum(),
                unseen.GetValueOrDefault(user),
                byType,
                versions.GetValueOrDefault(user));
        }

        return result;
    }
}
