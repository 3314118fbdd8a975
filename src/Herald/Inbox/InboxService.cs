using System.Linq.Expressions;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Herald.Inbox;

/// <summary>
/// A user's own inbox: pages of notifications, and their read, seen and archived state. Every
/// query is limited to the caller's notifications, so another user's id behaves as an id that
/// does not exist.
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

        if (filter.Archived == true)
        {
            query = query.Where(n => n.ArchivedAt != null);
        }
        else if (filter.Archived == false)
        {
            query = query.Where(n => n.ArchivedAt == null);
        }

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
    public Task<int> MarkReadAsync(string user, IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        ChangeAsync(user, InboxState.Read, Selection.Of(ids), cancellationToken);

    /// <summary>Marks all the user's unread notifications read, archived ones too, of one type if given.</summary>
    public Task<int> MarkAllReadAsync(string user, string? type, CancellationToken cancellationToken) =>
        ChangeAsync(user, InboxState.Read, Selection.All(type, through: null), cancellationToken);

    /// <summary>Marks the user's listed notifications unread again; returns how many were read.</summary>
    public Task<int> MarkUnreadAsync(string user, IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        ChangeAsync(user, InboxState.Unread, Selection.Of(ids), cancellationToken);

    /// <summary>
    /// Marks the user's unseen notifications at or below stream position <paramref name="through"/>
    /// seen, archived ones too; returns how many were unseen. A notification that arrived after
    /// the position the client showed stays unseen.
    /// </summary>
    public Task<int> MarkSeenAsync(string user, long through, CancellationToken cancellationToken) =>
        ChangeAsync(user, InboxState.Seen, Selection.All(type: null, through), cancellationToken);

    /// <summary>Marks all the user's unseen notifications seen; returns how many were unseen.</summary>
    public Task<int> MarkAllSeenAsync(string user, CancellationToken cancellationToken) =>
        ChangeAsync(user, InboxState.Seen, Selection.All(type: null, through: null), cancellationToken);

    /// <summary>Archives the user's listed notifications; returns how many were in the inbox.</summary>
    public Task<int> ArchiveAsync(string user, IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        ChangeAsync(user, InboxState.Archived, Selection.Of(ids), cancellationToken);

    /// <summary>Archives every notification in the user's inbox, of one type if given.</summary>
    public Task<int> ArchiveAllAsync(string user, string? type, CancellationToken cancellationToken) =>
        ChangeAsync(user, InboxState.Archived, Selection.All(type, through: null), cancellationToken);

    /// <summary>Puts the user's listed notifications back in the inbox; returns how many were archived.</summary>
    public Task<int> UnarchiveAsync(string user, IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        ChangeAsync(user, InboxState.Unarchived, Selection.Of(ids), cancellationToken);

    /// <summary>
    /// Moves the selected notifications that are not yet in <paramref name="state"/> into it and
    /// moves the user's state version on, in one transaction; then, after the commit and only if
    /// something changed, tells the user's connections what changed and the new counts.
    /// </summary>
    private async Task<int> ChangeAsync(
        string user,
        InboxState state,
        Selection selection,
        CancellationToken cancellationToken)
    {
        var at = state is InboxState.Unread or InboxState.Unarchived ? (DateTime?)null : Now();
        var targets = store.Notifications.Where(n => n.Recipient == user).Where(NotYetIn(state));
        StateChange change;
        int changed;

        await using (var transaction = await store.Context.Database.BeginTransactionAsync(cancellationToken))
        {
            // Moving the version on first locks the user's stream row until the commit (SQLite
            // locks the whole file when the transaction begins): a send to this user, which
            // takes the same row for its positions, and another change of this user's state
            // wait their turn, so the head read below stays the head, and what is read is
            // still true when it is written. Nothing changed rolls the version back.
            await StreamPositions.BumpVersionAsync(store, user, cancellationToken);

            if (selection.Ids is { } requested)
            {
                // Only the ids whose state really changes are pushed: never ids of another
                // user, nor ones that already were in that state.
                var ids = await targets
                    .Where(n => requested.Contains(n.Id))
                    .Select(n => n.Id)
                    .ToListAsync(cancellationToken);
                targets = targets.Where(n => ids.Contains(n.Id));
                change = new StateChange(state, ids, All: false, Type: null, Through: null, at);
            }
            else
            {
                // "All" reaches no further than the stream's head now, so the push can say
                // where it stopped, and a client does not apply it to a notification that
                // arrived after the commit but reached the client before this push.
                var head = await HeadAsync(user, cancellationToken);
                var through = Math.Min(selection.Through ?? head, head);
                targets = targets.Where(n => n.Position <= through);

                if (selection.Type is { } type)
                {
                    targets = targets.Where(n => n.Type == type);
                }

                change = new StateChange(state, [], All: true, selection.Type, through, at);
            }

            changed = await targets.ExecuteUpdateAsync(s => Write(s, state, at), cancellationToken);

            if (changed == 0)
            {
                return 0;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var count = await UnreadCounter.CountAsync(store, user, cancellationToken);
        await observer.StateChangedAsync(user, change, count, cancellationToken);
        return changed;
    }

    /// <summary>The notifications a change into <paramref name="state"/> would change.</summary>
    private static Expression<Func<StoredNotification, bool>> NotYetIn(InboxState state) => state switch
    {
        InboxState.Read => n => n.ReadAt == null,
        InboxState.Unread => n => n.ReadAt != null,
        InboxState.Seen => n => n.SeenAt == null,
        InboxState.Archived => n => n.ArchivedAt == null,
        InboxState.Unarchived => n => n.ArchivedAt != null,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static void Write(UpdateSettersBuilder<StoredNotification> setters, InboxState state, DateTime? at)
    {
        switch (state)
        {
            // Reading a notification is seeing it, too; marking it unread again does not
            // make it new.
            case InboxState.Read:
                setters.SetProperty(n => n.ReadAt, at).SetProperty(n => n.SeenAt, n => n.SeenAt ?? at);
                break;

            case InboxState.Unread:
                setters.SetProperty(n => n.ReadAt, at);
                break;

            case InboxState.Seen:
                setters.SetProperty(n => n.SeenAt, at);
                break;

            case InboxState.Archived or InboxState.Unarchived:
                setters.SetProperty(n => n.ArchivedAt, at);
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }
    }

    private DateTime Now() => StoredTime.Now(time);

    /// <summary>Which notifications a change is for: listed ids, or all up to a position, of a type.</summary>
    private sealed record Selection(IReadOnlyList<Guid>? Ids, string? Type, long? Through)
    {
        public static Selection Of(IReadOnlyList<Guid> ids) => new(ids, null, null);

        public static Selection All(string? type, long? through) => new(null, type, through);
    }
}

/// <summary>Which notifications a page holds.</summary>
/// <param name="UnreadOnly">Only unread ones.</param>
/// <param name="Type">Only this type, if given.</param>
/// <param name="BeforePosition">Only those before this stream position (the cursor), if given.</param>
/// <param name="Limit">At most this many.</param>
/// <param name="AfterPosition">Only those after this stream position, oldest first, if given.</param>
/// <param name="Archived">
/// False (the default): only those in the inbox; true: only archived ones; null: both, as the
/// stream holds them (what a resuming client replays).
/// </param>
public sealed record InboxFilter(
    bool UnreadOnly,
    string? Type,
    long? BeforePosition,
    int Limit,
    long? AfterPosition = null,
    bool? Archived = false);

/// <summary>A page of the inbox, newest first (oldest first after a position).</summary>
/// <param name="Items">The notifications.</param>
/// <param name="NextCursor">
/// Pass as <c>before</c> (or, for a page read after a position, as <c>after</c>) for the next
/// page; null on the last page.
/// </param>
public sealed record InboxPage(IReadOnlyList<NotificationView> Items, string? NextCursor);
