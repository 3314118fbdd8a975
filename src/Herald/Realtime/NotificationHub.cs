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
/// <c>notification</c>, <c>unreadCount</c> and <c>readStateChanged</c>.
/// </summary>
[Authorize(Policy = HeraldOptions.UserPolicy)]
public sealed class NotificationHub(
    HeraldStore store,
    IOptions<HeraldOptions> options,
    ILogger<NotificationHub> logger) : Hub
{
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
        RealtimeLog.ConnectionOpened(logger, Context.ConnectionId, user);

        try
        {
            var count = await UnreadCounter.CountAsync(store, user, Context.ConnectionAborted);
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
