using Herald.Inbox;
using Herald.Realtime;
using Herald.Storage;

namespace Herald.Delivery;

/// <summary>
/// The in-app channel: pushes each notification to every open connection of its recipient,
/// then the recipient's new unread count. A user with no open connection costs nothing here;
/// the notification waits in the inbox.
/// </summary>
public sealed class InAppChannel(NotificationPublisher publisher) : IDeliveryChannel
{
    /// <summary>The channel name stored in outbox entries.</summary>
    public const string ChannelName = "inapp";

    /// <inheritdoc />
    public string Name => ChannelName;

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<Guid, string>> DeliverAsync(
        IReadOnlyList<StoredNotification> batch,
        HeraldStore store,
        CancellationToken cancellationToken)
    {
        var byRecipient = batch.GroupBy(n => n.Recipient, StringComparer.Ordinal).ToList();
        var counts = await UnreadCounter.CountAsync(store, byRecipient.Select(g => g.Key).ToList(), cancellationToken);
        var failed = new Dictionary<Guid, string>();

        // Recipients are independent: one user's slow connections must not hold up the others.
        var pushes = byRecipient.Select(async group =>
        {
            try
            {
                var views = group.Select(NotificationView.From);
                await publisher.PushNotificationsAsync(group.Key, views, cancellationToken);
                await publisher.PushUnreadCountAsync(group.Key, counts[group.Key], cancellationToken);
                return null;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return new { Group = group, exception.Message };
            }
        });

        foreach (var failure in await Task.WhenAll(pushes))
        {
            if (failure is null)
            {
                continue;
            }

            foreach (var notification in failure.Group)
            {
                failed[notification.Id] = failure.Message;
            }
        }

        return failed;
    }
}
