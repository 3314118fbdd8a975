using Herald.Delivery;
using Herald.Storage;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Herald.Sending;

/// <summary>
/// Stores a batch of notifications and their outbox entries in one transaction (the caller's,
/// when one is open), then wakes the dispatcher once that transaction commits. The push never runs inside the send: a slow or absent recipient costs the
/// sender nothing.
/// </summary>
internal sealed class NotificationSender(
    HeraldStore store,
    DispatchSignal signal,
    CommitSignalInterceptor commits,
    TimeProvider time,
    ILogger<NotificationSender> logger) : INotificationSender
{
    public async Task<SendResult> SendAsync(
        IEnumerable<NotificationMessage> notifications,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        var batch = notifications.ToList();
        var errors = NotificationValidator.Validate(batch);

        if (errors.Count > 0)
        {
            SendLog.SendRefused(logger, batch.Count, errors.Count);
            throw new NotificationValidationException(errors);
        }

        var database = store.Context.Database;
        var owned = database.CurrentTransaction is null;
        await using var transaction = owned ? await database.BeginTransactionAsync(cancellationToken) : null;

        var countsByRecipient = batch
            .GroupBy(n => n.Recipient!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var lastPositions = await StreamPositions.ReserveAsync(store, countsByRecipient, cancellationToken);

        // The batch's notifications for one recipient take that recipient's reserved positions
        // in the order they were given.
        var nextPositions = countsByRecipient.ToDictionary(
            c => c.Key, c => lastPositions[c.Key] - c.Value + 1, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var ids = new List<Guid>(batch.Count);

        foreach (var message in batch)
        {
            var notification = ToStored(message, nextPositions[message.Recipient!]++, now);
            ids.Add(notification.Id);
            store.Notifications.Add(notification);
            store.Outbox.Add(new OutboxEntry
            {
                NotificationId = notification.Id,
                Channel = InAppChannel.ChannelName,
                State = OutboxState.Pending,
                AvailableAt = now.UtcDateTime,
                CreatedAt = now.UtcDateTime,
            });
        }

        await store.Context.SaveChangesAsync(cancellationToken);

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            signal.Notify();
        }
        else
        {
            // The caller's transaction: the dispatcher is woken when, and only if, it commits.
            commits.Track(database.CurrentTransaction!.GetDbTransaction());
        }

        SendLog.SendAccepted(logger, batch.Count, countsByRecipient.Count);
        return new SendResult(ids);
    }

    private static StoredNotification ToStored(NotificationMessage message, long position, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Recipient = message.Recipient!,
        Position = position,
        Sender = message.Sender ?? "system",
        Type = message.Type!,
        Title = string.IsNullOrWhiteSpace(message.Title) ? null : message.Title,
        Content = string.IsNullOrWhiteSpace(message.Content) ? null : message.Content,
        Link = message.Link,
        Data = message.Data is { ValueKind: System.Text.Json.JsonValueKind.Object } data ? data.GetRawText() : null,
        CreatedAt = now.UtcDateTime,
    };
}
