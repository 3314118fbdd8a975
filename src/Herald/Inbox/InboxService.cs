using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Inbox;

/// <summary>
/// A user's own inbox: pages of notifications, and read state. Every query is limited to the
/// caller's notifications, so another user's id behaves as an id that does not exist.
/// </summary>
public sealed class InboxService(HeraldStore store, IInboxObserver observer, TimeProvider time)
{
    /// <summary>
    /// A page of the user's notifications as the filter says: newest first, or, after a stream
    /// position, oldest first from there (what a client that saw that position missed).
    /// </summary>
    public async Task<InboxPage> PageAsync(string user, InboxFilter filter, CancellationToken cancellationToken)
    {
        var query = store.Notifications.AsNoTracking().Where(n => n.Recipient == user);

        if (filter.UnreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(n => n.Type == type);
        }

        if (filter.BeforePosition is { } before)
        {
            query = query.Where(n => n.Position < before);
        }

        if (filter.AfterPosition is { } after)
        {
            query = query.Where(n => n.Position > after).OrderBy(n => n.Position);
        }
        else
        {
            query = query.OrderByDescending(n => n.Position);
        }

        // One row more than asked tells whether another page follows.
        var rows = await query.Take(filter.Limit + 1).ToListAsync(cancellationToken);

        var items = rows.Take(filter.Limit).Select(NotificationView.From).ToList();
        var nextCursor = rows.Count > filter.Limit ? InboxCursor.Format(items[^1].Position) : null;
        return new InboxPage(items, nextCursor);
    }

    /// <summary>The last position given out in the user's stream; 0 before the first notification.</summary>
    public Task<long> HeadAsync(string user, CancellationToken cancellationToken) =>
        store.Streams.AsNoTracking()
            .Where(s => s.Recipient == user)
            .Select(s => s.LastPosition)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<UnreadCount> UnreadCountAsync(string user, CancellationToken cancellationToken) =>
        UnreadCounter.CountAsync(store, user, cancellationToken);

    /// <summary>Marks the user's listed notifications read; returns how many were unread.</summary>
    public Task<int> MarkReadAsync(string user, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var readAt = Now();
        return ChangeAsync(
            user,
            store.Notifications.Where(n => n.Recipient == user && ids.Contains(n.Id) && n.ReadAt == null),
            readAt,
            new ReadStateChange(Read: true, ids, All: false, Type: null, readAt),
            cancellationToken);
    }

    /// <summary>Marks all the user's unread notifications read, of one type if given.</summary>
    public Task<int> MarkAllReadAsync(string user, string? type, CancellationToken cancellationToken)
    {
        var readAt = Now();
        var query = store.Notifications.Where(n => n.Recipient == user && n.ReadAt == null);

        if (type is not null)
        {
            query = query.Where(n => n.Type == type);
        }

        return ChangeAsync(user, query, readAt, new ReadStateChange(Read: true, [], All: true, type, readAt), cancellationToken);
    }

    /// <summary>Marks the user's listed notifications unread again; returns how many were read.</summary>
    public Task<int> MarkUnreadAsync(string user, IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        ChangeAsync(
            user,
            store.Notifications.Where(n => n.Recipient == user && ids.Contains(n.Id) && n.ReadAt != null),
            readAt: null,
            new ReadStateChange(Read: false, ids, All: false, Type: null, ReadAt: null),
            cancellationToken);

    /// <summary>
    /// Writes the read time and moves the user's state version on in one transaction, then,
    /// after the commit and only if something changed, tells the user's connections.
    /// </summary>
    private async Task<int> ChangeAsync(
        string user,
        IQueryable<StoredNotification> targets,
        DateTime? readAt,
        ReadStateChange change,
        CancellationToken cancellationToken)
    {
        int changed;

        await using (var transaction = await store.Context.Database.BeginTransactionAsync(cancellationToken))
        {
            if (!change.All)
            {
                // Only the ids whose state really changes are pushed: never ids of another
                // user, nor ones that already were in that state.
                var ids = await targets.Select(n => n.Id).ToListAsync(cancellationToken);
                targets = store.Notifications.Where(n => ids.Contains(n.Id));
                change = change with { Ids = ids };
            }

            changed = await targets.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, readAt), cancellationToken);

            if (changed == 0)
            {
                return 0;
            }

            await StreamPositions.BumpVersionAsync(store, user, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var count = await UnreadCounter.CountAsync(store, user, cancellationToken);
        await observer.ReadStateChangedAsync(user, change, count, cancellationToken);
        return changed;
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}

/// <summary>Which notifications a page holds.</summary>
/// <param name="UnreadOnly">Only unread ones.</param>
/// <param name="Type">Only this type, if given.</param>
/// <param name="BeforePosition">Only those before this stream position (the cursor), if given.</param>
/// <param name="Limit">At most this many.</param>
/// <param name="AfterPosition">Only those after this stream position, oldest first, if given.</param>
public sealed record InboxFilter(bool UnreadOnly, string? Type, long? BeforePosition, int Limit, long? AfterPosition = null);

/// <summary>A page of the inbox, newest first (oldest first after a position).</summary>
/// <param name="Items">The notifications.</param>
/// <param name="NextCursor">
/// Pass as <c>before</c> (or, for a page read after a position, as <c>after</c>) for the next
/// page; null on the last page.
/// </param>
public sealed record InboxPage(IReadOnlyList<NotificationView> Items, string? NextCursor);
