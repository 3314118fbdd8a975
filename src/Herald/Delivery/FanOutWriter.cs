using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Delivery;

/// <summary>
/// Turns a stored send to a topic or to every user into one notification per recipient, a
/// batch at a time: each batch is one transaction that reserves the recipients' positions,
/// writes their notifications and in-app outbox entries, and moves the fan-out's cursor on. A
/// node that dies mid-way leaves the cursor at the last committed batch, and the next claim
/// goes on from there, so nobody gets a fan-out twice.
/// </summary>
/// <remarks>
/// One row per recipient, not one shared row with per-user state: every inbox page, count,
/// read mark and resume then reads one table by the recipient's own positions, the same way
/// for a broadcast as for a direct send. The cost is a row per recipient, written here in the
/// background, while the sender's request wrote a single row.
/// </remarks>
internal sealed class FanOutWriter(
    IOptions<OutboxOptions> options,
    DeliveryMetrics metrics,
    TimeProvider time,
    ILogger<FanOutWriter> logger)
{
    /// <summary>
    /// Writes the next batch of the oldest open fan-out that no other node is writing; returns
    /// false when there was nothing to do.
    /// </summary>
    public async Task<bool> WriteNextBatchAsync(HeraldStore store, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = StoredTime.Now(time);
        var open = await store.FanOuts.AsNoTracking()
            .Where(f => f.CompletedAt == null && (f.ClaimedUntil == null || f.ClaimedUntil < now))
            .OrderBy(f => f.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

        if (open is null)
        {
            return false;
        }

        // The claim is one conditional UPDATE: of two nodes that found the same fan-out, the
        // second finds the row claimed once the first commits, and leaves it.
        var claimToken = Guid.NewGuid();
        var claimed = await store.FanOuts
            .Where(f => f.Id == open.Id && f.CompletedAt == null && (f.ClaimedUntil == null || f.ClaimedUntil < now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(f => f.ClaimToken, claimToken).SetProperty(f => f.ClaimedUntil, now + settings.ClaimLease),
                cancellationToken);

        if (claimed == 0)
        {
            return true;
        }

        // Read again under the claim: another node may have written a batch and moved the
        // cursor since the row was first read.
        var fanOut = await store.FanOuts.AsNoTracking().SingleAsync(f => f.Id == open.Id, cancellationToken);
        await using var transaction = await store.Context.Database.BeginTransactionAsync(cancellationToken);
        var recipients = await NextRecipientsAsync(store, fanOut, settings.FanOutBatchSize, cancellationToken);
        var audience = fanOut.Topic is null ? EveryUser : TopicAudience;

        if (recipients.Count == 0)
        {
            await store.FanOuts
                .Where(f => f.Id == fanOut.Id && f.ClaimToken == claimToken)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(f => f.CompletedAt, now)
                        .SetProperty(f => f.ClaimToken, (Guid?)null)
                        .SetProperty(f => f.ClaimedUntil, (DateTime?)null),
                    cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            DeliveryLog.FanOutCompleted(logger, fanOut.Id, fanOut.Topic ?? audience, fanOut.Recipients);
            return true;
        }

        var lastPositions = await StreamPositions.ReserveAsync(
            store, recipients.ToDictionary(r => r, _ => 1, StringComparer.Ordinal), cancellationToken);
        var notifications = recipients.Select(recipient => ToNotification(fanOut, recipient, lastPositions[recipient], now)).ToList();
        var deliveries = notifications.Select(n => new OutboxEntry
        {
            NotificationId = n.Id,
            Channel = InAppChannel.ChannelName,
            State = OutboxState.Pending,
            AvailableAt = now,
            CreatedAt = now,
        }).ToList();

        await RowInserts.NotificationsAsync(store, notifications, cancellationToken);
        await RowInserts.OutboxAsync(store, deliveries, cancellationToken);

        // The claim is let go with the batch, so the next batch may be any node's.
        var moved = await store.FanOuts
            .Where(f => f.Id == fanOut.Id && f.ClaimToken == claimToken)
            .ExecuteUpdateAsync(
                s => s.SetProperty(f => f.Cursor, recipients[^1])
                    .SetProperty(f => f.Recipients, f => f.Recipients + recipients.Count)
                    .SetProperty(f => f.ClaimToken, (Guid?)null)
                    .SetProperty(f => f.ClaimedUntil, (DateTime?)null),
                cancellationToken);

        if (moved == 0)
        {
            // The lease ran out and another node took the fan-out over: this batch is its.
            return true;
        }

        await transaction.CommitAsync(cancellationToken);
        metrics.FannedOut(audience, recipients.Count);
        DeliveryLog.FanOutBatchWritten(logger, fanOut.Id, fanOut.Topic ?? audience, recipients.Count, fanOut.Recipients + recipients.Count);
        return true;
    }

    /// <summary>The recipients after the cursor, in the database's order of their ids.</summary>
    private static Task<List<string>> NextRecipientsAsync(HeraldStore store, FanOut fanOut, int count, CancellationToken cancellationToken)
    {
        var cursor = fanOut.Cursor ?? string.Empty;

        // The comparison and the order are both the database's, so the cursor never skips.
        var recipients = fanOut.Topic is { } topic
            ? store.TopicSubscriptions.Where(t => t.Topic == topic && string.Compare(t.UserId, cursor) > 0)
                .OrderBy(t => t.UserId).Select(t => t.UserId)
            : store.Streams.Where(s => string.Compare(s.Recipient, cursor) > 0)
                .OrderBy(s => s.Recipient).Select(s => s.Recipient);

        return recipients.Take(count).ToListAsync(cancellationToken);
    }

    private static StoredNotification ToNotification(FanOut fanOut, string recipient, long position, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Recipient = recipient,
        Position = position,
        Sender = fanOut.Sender,
        Type = fanOut.Type,
        Title = fanOut.Title,
        Content = fanOut.Content,
        Link = fanOut.Link,
        Data = fanOut.Data,
        CreatedAt = fanOut.CreatedAt,
    };

    private const string EveryUser = "every user";

    private const string TopicAudience = "topic";
}
