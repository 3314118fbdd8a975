using System.Diagnostics;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Delivery;

/// <summary>
/// Delivers committed outbox entries: woken after each commit, and on a sweep as the fallback.
/// Each pass claims a batch, hands it to the channels, and marks the outcome. See the README in
/// this folder for the guarantees.
/// </summary>
internal sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    DispatchSignal signal,
    FanOutWriter fanOuts,
    IEnumerable<IDeliveryChannel> channels,
    IOptions<OutboxOptions> options,
    DeliveryMetrics metrics,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, IDeliveryChannel> _channels = channels.ToDictionary(c => c.Name);
    private DateTime _nextCleanup = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A fan-out batch written or a full outbox batch means more may be waiting: go
                // on without waiting for a signal. A fan-out's notifications are pushed as its
                // batches are written, not after the last one.
                while (await WriteFanOutBatchAsync(stoppingToken) | await DispatchOnceAsync(stoppingToken) == settings.BatchSize)
                {
                }

                await CleanUpIfDueAsync(stoppingToken);
                await signal.WaitAsync(settings.SweepInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // The store is down or a bug: back off so a broken database is not hammered.
                DeliveryLog.PassFailed(logger, (long)settings.SweepInterval.TotalMilliseconds, exception);
                await Task.Delay(settings.SweepInterval, time, stoppingToken)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<bool> WriteFanOutBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await fanOuts.WriteNextBatchAsync(scope.ServiceProvider.GetRequiredService<HeraldStore>(), cancellationToken);
    }

    /// <summary>Runs one pass; returns the number of entries it claimed.</summary>
    internal async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<HeraldStore>();
        var claimToken = Guid.NewGuid();
        var now = time.GetUtcNow().UtcDateTime;

        var leaseEnd = now + settings.ClaimLease;
        var claimed = await ClaimAsync(store, claimToken, now, leaseEnd, settings.BatchSize, cancellationToken);

        if (claimed == 0)
        {
            return 0;
        }

        var entries = await store.Outbox.AsNoTracking()
            .Where(o => o.ClaimToken == claimToken)
            .Join(
                store.Notifications.AsNoTracking(),
                o => o.NotificationId,
                n => n.Id,
                (o, n) => new ClaimedEntry(o, n))
            .ToListAsync(cancellationToken);

        var failures = new List<(ClaimedEntry Entry, string Reason)>();

        foreach (var byChannel in entries.GroupBy(e => e.Entry.Channel))
        {
            failures.AddRange(await DeliverAsync(byChannel.Key, byChannel.ToList(), store, cancellationToken));
        }

        var failedIds = failures.Select(f => f.Entry.Entry.Id).ToHashSet();
        var deliveredIds = entries.Select(e => e.Entry.Id).Where(id => !failedIds.Contains(id)).ToList();
        var deliveredAt = time.GetUtcNow().UtcDateTime;

        // Counted as the channels reported, before the marks: a delivery happened even if
        // marking it fails and it is made again later.
        foreach (var delivered in entries.Where(e => !failedIds.Contains(e.Entry.Id)).GroupBy(e => e.Entry.Channel))
        {
            metrics.Delivered(delivered.Key, delivered.Count());
        }

        var marked = await store.Outbox
            .Where(o => deliveredIds.Contains(o.Id) && o.ClaimToken == claimToken)
            .ExecuteUpdateAsync(
                s => s.SetProperty(o => o.State, OutboxState.Delivered)
                    .SetProperty(o => o.DeliveredAt, deliveredAt)
                    .SetProperty(o => o.ClaimToken, (Guid?)null)
                    .SetProperty(o => o.ClaimedUntil, (DateTime?)null),
                cancellationToken);

        if (marked < deliveredIds.Count)
        {
            // The pass outlasted its lease and another dispatcher claimed the rest: those
            // entries are delivered again, which clients drop by position.
            DeliveryLog.LeaseLost(logger, deliveredIds.Count - marked, (long)settings.ClaimLease.TotalMilliseconds);
        }

        foreach (var (claimedEntry, reason) in failures)
        {
            await RecordFailureAsync(store, claimedEntry.Entry, claimToken, reason, cancellationToken);
        }

        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        DeliveryLog.BatchDispatched(logger, deliveredIds.Count, failures.Count, elapsedMs);
        return claimed;
    }

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due entries in id order with one statement;
    /// a claim whose lease ran out belongs to a dispatcher that died and is taken over.
    /// </summary>
    private static Task<int> ClaimAsync(
        HeraldStore store,
        Guid claimToken,
        DateTime now,
        DateTime leaseEnd,
        int batchSize,
        CancellationToken cancellationToken)
    {
        if (store.Context.Database.IsNpgsql())
        {
            // Under READ COMMITTED, two nodes' subqueries can pick the same rows, and the
            // second UPDATE would claim them again once the first commits. FOR UPDATE locks
            // the rows the subquery picks, and SKIP LOCKED lets another node's claim take the
            // next ones instead of waiting: every entry is claimed by one node, and nodes do
            // not queue behind each other.
            return store.Context.Database.ExecuteSqlAsync(
                $"""
                UPDATE herald_outbox SET claim_token = {claimToken}, claimed_until = {leaseEnd}
                WHERE id IN (
                    SELECT id FROM herald_outbox
                    WHERE state = {(int)OutboxState.Pending} AND available_at <= {now}
                        AND (claimed_until IS NULL OR claimed_until < {now})
                    ORDER BY id
                    LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                """,
                cancellationToken);
        }

        // SQLite lets one writer in at a time, so the statement runs alone.
        return store.Outbox
            .Where(o => o.State == OutboxState.Pending && o.AvailableAt <= now
                && (o.ClaimedUntil == null || o.ClaimedUntil < now))
            .OrderBy(o => o.Id)
            .Take(batchSize)
            .ExecuteUpdateAsync(
                s => s.SetProperty(o => o.ClaimToken, claimToken).SetProperty(o => o.ClaimedUntil, leaseEnd),
                cancellationToken);
    }

    private async Task<IEnumerable<(ClaimedEntry, string)>> DeliverAsync(
        string channelName,
        List<ClaimedEntry> entries,
        HeraldStore store,
        CancellationToken cancellationToken)
    {
        if (!_channels.TryGetValue(channelName, out var channel))
        {
            DeliveryLog.UnknownChannel(logger, channelName);
            return entries.Select(e => (e, $"No channel named '{channelName}' is registered."));
        }

        var batch = entries
            .Select(e => e.Notification)
            .OrderBy(n => n.Recipient, StringComparer.Ordinal)
            .ThenBy(n => n.Position)
            .ToList();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ChannelTimeout);

        try
        {
            var failed = await channel.DeliverAsync(batch, store, timeout.Token);
            return entries
                .Where(e => failed.ContainsKey(e.Notification.Id))
                .Select(e => (e, failed[e.Notification.Id]));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return entries.Select(e => (e, exception.Message));
        }
    }

    private async Task RecordFailureAsync(
        HeraldStore store,
        OutboxEntry entry,
        Guid claimToken,
        string reason,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var attempts = entry.Attempts + 1;
        var dead = attempts >= settings.MaxAttempts;
        var retryAt = time.GetUtcNow().UtcDateTime + settings.RetryDelay(attempts);
        var lastError = reason.Length > 2000 ? reason[..2000] : reason;

        if (dead)
        {
            metrics.Dead(entry.Channel);
        }
        else
        {
            metrics.Failed(entry.Channel);
        }

        await store.Outbox
            .Where(o => o.Id == entry.Id && o.ClaimToken == claimToken)
            .ExecuteUpdateAsync(
                s => s.SetProperty(o => o.Attempts, attempts)
                    .SetProperty(o => o.State, dead ? OutboxState.Dead : OutboxState.Pending)
                    .SetProperty(o => o.AvailableAt, retryAt)
                    .SetProperty(o => o.LastError, lastError)
                    .SetProperty(o => o.ClaimToken, (Guid?)null)
                    .SetProperty(o => o.ClaimedUntil, (DateTime?)null),
                cancellationToken);

        if (dead)
        {
            DeliveryLog.DeliveryDead(logger, entry.NotificationId, entry.Channel, attempts, reason);
        }
        else
        {
            DeliveryLog.DeliveryFailed(logger, entry.NotificationId, entry.Channel, attempts, retryAt, reason);
        }
    }

    private async Task CleanUpIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;

        if (now < _nextCleanup)
        {
            return;
        }

        var settings = options.Value;
        _nextCleanup = now + settings.CleanupInterval;
        var cutoff = now - settings.DeliveredRetention;

        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<HeraldStore>();
        var removed = await store.Outbox
            .Where(o => o.State == OutboxState.Delivered && o.DeliveredAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);

        if (removed > 0)
        {
            DeliveryLog.CleanedUp(logger, removed, cutoff);
        }
    }

    private sealed record ClaimedEntry(OutboxEntry Entry, StoredNotification Notification);
}
