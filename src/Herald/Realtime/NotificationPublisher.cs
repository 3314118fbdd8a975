using Herald.Inbox;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Herald.Realtime;

/// <summary>Pushes to every open connection of one user, through that user's group.</summary>
public sealed class NotificationPublisher(IHubContext<NotificationHub> hub, ILogger<NotificationPublisher> logger)
    : IInboxObserver
{
    /// <summary>Pushes notifications of one recipient, in the given order.</summary>
    public async Task PushNotificationsAsync(
        string user,
        IEnumerable<NotificationView> notifications,
        CancellationToken cancellationToken)
    {
        var group = hub.Clients.Group(UserGroups.For(user));

        foreach (var notification in notifications)
        {
            await group.SendAsync(ClientMethods.Notification, notification, cancellationToken);
        }
    }

    public Task PushUnreadCountAsync(string user, UnreadCount count, CancellationToken cancellationToken) =>
        hub.Clients.Group(UserGroups.For(user)).SendAsync(ClientMethods.UnreadCount, count, cancellationToken);

    /// <summary>
    /// Tells the user's connections what changed (<c>stateChanged</c>), then gives them the new
    /// counts. A failure is logged, not thrown: the change is committed, and a client that
    /// missed the push gets the current counts on its next connect.
    /// </summary>
    public async Task StateChangedAsync(
        string user,
        StateChange change,
        UnreadCount count,
        CancellationToken cancellationToken)
    {
        try
        {
            await hub.Clients.Group(UserGroups.For(user))
                .SendAsync(ClientMethods.StateChanged, change, cancellationToken);
            await PushUnreadCountAsync(user, count, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            RealtimeLog.PushFailed(logger, user, exception);
        }
    }
}
