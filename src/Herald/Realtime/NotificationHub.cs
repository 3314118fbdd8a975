using Herald.Inbox;
using Herald.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Realtime;

/// <summary>
/// The hub at <c>/hubs/notifications</c>. A signed-in user's connection joins that user's
/// group and gets the current unread count at once; after that the server pushes
/// <c>notification</c>, <c>unreadCount</c> and <c>stateChanged</c>. A client calls
/// <c>Resume</c> after every connect to get what it missed.
/// </summary>
[Authorize(Policy = HeraldOptions.UserPolicy)]
public sealed class NotificationHub(
    HeraldStore store,
    InboxService inbox,
    IOptions<HeraldOptions> options,
    ConnectedUsers connections,
    ILogger<NotificationHub> logger) : Hub
{
    /// <summary>
    /// Every notification after stream position <paramref name="after"/>, oldest first, and the
    /// position the client stands at once it has them. With no position the client starts from
    /// now: nothing is replayed, and the answer carries the current position.
    /// </summary>
    /// <remarks>
    /// The connection is in the user's group before the client can call this, so a notification
    /// committed meanwhile arrives by the replay, by a push, or by both: the client drops
    /// positions it already has. A client further behind than <c>MaxReplay</c>, or at a
    /// position this stream never had (beyond its head, or below 0), is told to reload its
    /// inbox. That answer, not a hub error, is what a bad position gets: SignalR logs every
    /// error a hub method throws, and a client must not be able to fill the log. Archived
    /// notifications are replayed too, with their <c>archivedAt</c>: a client applies positions
    /// one after another, and a left-out one would look like a gap that never closes.
    /// </remarks>
    public async Task<ResumeResult> Resume(long? after)
    {
        var user = (string)Context.Items[UserKey]!;
        var cancellationToken = Context.ConnectionAborted;

        // The head is read first: whatever the range below finds beyond it is newer still.
        var head = await inbox.HeadAsync(user, cancellationToken);

        if (after is not { } from)
        {
            return new ResumeResult([], head, Reload: false);
        }

        var replay = new InboxFilter(false, null, null, options.Value.MaxReplay, from, Archived: null);
        var page = from > head || from < 0 ? null : await inbox.PageAsync(user, replay, cancellationToken);

        if (page is null || page.NextCursor is not null)
        {
            RealtimeLog.ReloadSignalled(logger, Context.ConnectionId, user, from, head);
            return new ResumeResult([], head, Reload: true);
        }

        RealtimeLog.Resumed(logger, Context.ConnectionId, user, from, page.Items.Count);
        var position = page.Items.Count > 0 ? page.Items[^1].Position : from;
        return new ResumeResult(page.Items, position, Reload: false);
    }

    /// <inheritdoc />
    public override async Task OnConnectedAsync()
    {
        var user = options.Value.UserIdOf(Context.User);

        if (user is null)
        {
            RealtimeLog.ConnectionWithoutUser(logger, Context.ConnectionId);
            Context.Abort();
            return;
        }

        Context.Items[UserKey] = user;
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroups.For(user), Context.ConnectionAborted);
        connections.Add(Context.ConnectionId, user);

        RealtimeLog.ConnectionOpened(logger, Context.ConnectionId, user);

        try
        {
            var count = await UnreadCounter.CountAsync(store, user, Context.ConnectionAborted);

            // A user who has connected is a user Herald knows: a send to every user reaches
            // them. Version 0 means no stream, or an empty one, so most connects write nothing.
            if (count.Version == 0)
            {
                await StreamPositions.EnsureAsync(store, [user], Context.ConnectionAborted);
            }

            await Clients.Caller.SendAsync(ClientMethods.UnreadCount, count, Context.ConnectionAborted);
        }
        catch (OperationCanceledException) when (Context.ConnectionAborted.IsCancellationRequested)
        {
            // The client left while connecting: nothing to tell it, and nothing went wrong.
        }
    }

    /// <inheritdoc />
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        // Groups forget a closed connection by themselves.
        connections.Remove(Context.ConnectionId);

        if (Context.Items.TryGetValue(UserKey, out var value) && value is string user)
        {
            if (exception is null)
            {
                RealtimeLog.ConnectionClosed(logger, Context.ConnectionId, user);
            }
            else
            {
                RealtimeLog.ConnectionFailed(logger, Context.ConnectionId, user, exception);
            }
        }

        return Task.CompletedTask;
    }

    private const string UserKey = "herald.user";
}
