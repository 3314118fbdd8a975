using System.Security.Cryptography;
using System.Text.Json;
using Herald.Delivery;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Herald.Sending;

/// <summary>
/// Stores a batch of notifications and their outbox entries in one transaction (the caller's,
/// when one is open), then wakes the dispatcher once that transaction commits. The push never
/// runs inside the send: a slow or absent recipient costs the sender nothing.
/// </summary>
internal sealed class NotificationSender(
    HeraldStore store,
    DispatchSignal signal,
    CommitSignalInterceptor commits,
    TimeProvider time,
    ILogger<NotificationSender> logger) : INotificationSender
{
    /// <summary>Whose idempotency keys the host's own code uses when it names no caller.</summary>
    public const string ApplicationCaller = "app";

    public async Task<SendResult> SendAsync(
        IEnumerable<NotificationMessage> notifications,
        SendOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(options);
        var batch = notifications.ToList();
        var errors = NotificationValidator.Validate(batch);

        if (options.IdempotencyKey is { } key && NotificationValidator.IdempotencyKeyProblem(key) is { } keyProblem)
        {
            errors["idempotencyKey"] = [keyProblem];
        }

        if (errors.Count > 0)
        {
            SendLog.SendRefused(logger, batch.Count, errors.Count);
            throw new NotificationValidationException(errors);
        }

        var database = store.Context.Database;
        var owned = database.CurrentTransaction is null;
        await using var transaction = owned ? await database.BeginTransactionAsync(cancellationToken) : null;
        var now = new DateTimeOffset(StoredTime.Now(time));
        var ids = batch.Select(_ => Guid.CreateVersion7(now)).ToList();

        if (options.IdempotencyKey is not null)
        {
            var firstIds = await ClaimKeyAsync(options, batch, ids, now, cancellationToken);

            if (firstIds is not null)
            {
                // Nothing was written: an owned transaction ends by rolling back on dispose.
                SendLog.SendReplayed(logger, options.IdempotencyKey, firstIds.Count);
                return new SendResult(firstIds, Replayed: true);
            }
        }

        var countsByRecipient = batch
            .GroupBy(n => n.Recipient!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var lastPositions = await StreamPositions.ReserveAsync(store, countsByRecipient, cancellationToken);

        // The batch's notifications for one recipient take that recipient's reserved positions
        // in the order they were given.
        var nextPositions = countsByRecipient.ToDictionary(
            c => c.Key, c => lastPositions[c.Key] - c.Value + 1, StringComparer.Ordinal);

        var stored = batch.Select((message, i) => ToStored(message, ids[i], nextPositions[message.Recipient!]++, now)).ToList();
        var deliveries = stored.Select(notification => new OutboxEntry
        {
            NotificationId = notification.Id,
            Channel = InAppChannel.ChannelName,
            State = OutboxState.Pending,
            AvailableAt = now.UtcDateTime,
            CreatedAt = now.UtcDateTime,
        }).ToList();

        await RowInserts.NotificationsAsync(store, stored, cancellationToken);
        await RowInserts.OutboxAsync(store, deliveries, cancellationToken);

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            signal.Notify();
            SendLog.SendAccepted(logger, batch.Count, countsByRecipient.Count);
        }
        else
        {
            // The caller's transaction: the dispatcher is woken when, and only if, it commits.
            commits.Track(database.CurrentTransaction!.GetDbTransaction());
            SendLog.SendJoined(logger, batch.Count, countsByRecipient.Count);
        }

        return new SendResult(ids);
    }

    public Task<FanOutResult> SendToTopicAsync(
        string topic,
        NotificationMessage notification,
        SendOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return FanOutAsync(topic, notification, options, cancellationToken);
    }

    public Task<FanOutResult> BroadcastAsync(
        NotificationMessage notification,
        SendOptions options,
        CancellationToken cancellationToken = default) =>
        FanOutAsync(topic: null, notification, options, cancellationToken);

    /// <summary>
    /// Stores a send to many users as one fan-out row: the sender's request costs one insert
    /// however many recipients there are, and the dispatcher writes their notifications.
    /// </summary>
    private async Task<FanOutResult> FanOutAsync(
        string? topic,
        NotificationMessage notification,
        SendOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(options);
        var errors = NotificationValidator.ValidateForAudience(notification);

        if (topic is not null && NotificationValidator.TopicProblem(topic) is { } topicProblem)
        {
            errors["topic"] = [topicProblem];
        }

        if (options.IdempotencyKey is { } key && NotificationValidator.IdempotencyKeyProblem(key) is { } keyProblem)
        {
            errors["idempotencyKey"] = [keyProblem];
        }

        if (errors.Count > 0)
        {
            SendLog.SendRefused(logger, 1, errors.Count);
            throw new NotificationValidationException(errors);
        }

        var database = store.Context.Database;
        var owned = database.CurrentTransaction is null;
        await using var transaction = owned ? await database.BeginTransactionAsync(cancellationToken) : null;
        var now = new DateTimeOffset(StoredTime.Now(time));
        var id = Guid.CreateVersion7(now);

        if (options.IdempotencyKey is not null
            && await ClaimKeyAsync(options, new { topic, notification }, [id], now, cancellationToken) is { } firstIds)
        {
            SendLog.SendReplayed(logger, options.IdempotencyKey, 1);
            return new FanOutResult(firstIds.Single(), Replayed: true);
        }

        // Written by statement, not by SaveChanges, which would also save whatever else the
        // host's context is tracking.
        var stored = ToStored(notification, id, position: 0, now);
        await RowInserts.FanOutAsync(store, new FanOut
        {
            Id = id,
            Topic = topic,
            Sender = stored.Sender,
            Type = stored.Type,
            Title = stored.Title,
            Content = stored.Content,
            Link = stored.Link,
            Data = stored.Data,
            CreatedAt = stored.CreatedAt,
        }, cancellationToken);

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            signal.Notify();
        }
        else
        {
            commits.Track(database.CurrentTransaction!.GetDbTransaction());
        }

        SendLog.FanOutAccepted(logger, id, topic ?? "every user");
        return new FanOutResult(id);
    }

    /// <summary>
    /// Records the send's key with the ids about to be stored, or, when the key is taken,
    /// returns the ids its first send stored.
    /// </summary>
    /// <remarks>
    /// The insert skips a taken key instead of failing on it, which would spoil the caller's
    /// transaction. A concurrent first send with the same key holds the row until it ends, so
    /// this one waits and then sees that send's outcome.
    /// </remarks>
    private async Task<List<Guid>?> ClaimKeyAsync<TRequest>(
        SendOptions options,
        TRequest request,
        List<Guid> ids,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var caller = options.Caller ?? ApplicationCaller;
        var key = options.IdempotencyKey!;
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));

        var inserted = await store.Context.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO herald_send_keys (caller, idempotency_key, request_hash, notification_ids, created_at)
            VALUES ({caller}, {key}, {hash}, {string.Join(',', ids)}, {now.UtcDateTime})
            ON CONFLICT (caller, idempotency_key) DO NOTHING
            """,
            cancellationToken);

        if (inserted == 1)
        {
            return null;
        }

        var first = await store.SendKeys.AsNoTracking()
            .SingleAsync(k => k.Caller == caller && k.IdempotencyKey == key, cancellationToken);

        if (first.RequestHash != hash)
        {
            SendLog.IdempotencyConflict(logger, key);
            throw new IdempotencyConflictException(key);
        }

        return first.NotificationIds.Split(',').Select(Guid.Parse).ToList();
    }

    private static StoredNotification ToStored(NotificationMessage message, Guid id, long position, DateTimeOffset now) => new()
    {
        Id = id,
        Recipient = message.Recipient!,
        Position = position,
        Sender = message.Sender ?? "system",
        Type = message.Type!,
        Title = string.IsNullOrWhiteSpace(message.Title) ? null : message.Title,
        Content = string.IsNullOrWhiteSpace(message.Content) ? null : message.Content,
        Link = message.Link,
        Data = message.Data is { ValueKind: JsonValueKind.Object } data ? data.GetRawText() : null,
        CreatedAt = now.UtcDateTime,
    };
}
