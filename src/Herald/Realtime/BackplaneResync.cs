using Herald.Inbox;
using Herald.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.Realtime;

/// <summary>
/// Closes what an outage of Redis leaves open. While this node's subscriptions were down, the
/// other nodes' pushes to its connections went nowhere, and the outbox counted them delivered.
/// Once the connection is back, every connection open here is told to resume (<c>resync</c>)
/// and given its user's current counts, so a user sees what was missed without waiting for
/// the next notification.
/// </summary>
internal sealed class BackplaneResync(
    RedisBackplane backplane,
    ConnectedUsers connections,
    IHubContext<NotificationHub> hub,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<BackplaneResync> logger) : BackgroundService
{
    /// <summary>
    /// How long after Redis is back the connections are told: the client library subscribes
    /// this node's channels again first, and a resume before that could miss a push again.
    /// </summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

    private const int UsersPerQuery = 500;

    private readonly SemaphoreSlim _restored = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        backplane.Restored += OnRestored;

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _restored.WaitAsync(stoppingToken);
                await Task.Delay(SettleTime, time, stoppingToken);

                // Each of Redis's connections says it is back; one resync answers them all.
                while (_restored.Wait(0))
                {
                }

                await ResyncAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            backplane.Restored -= OnRestored;
        }
    }

    private void OnRestored() => _restored.Release();

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        var byUser = connections.ByUser();
        RealtimeLog.Resyncing(logger, byUser.Count, byUser.Sum(u => u.Value.Count));

        foreach (var users in byUser.Keys.Chunk(UsersPerQuery))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<HeraldStore>();
                var counts = await UnreadCounter.CountAsync(store, users, cancellationToken);

                foreach (var user in users)
                {
                    // These connections are this node's own, so the sends go to them directly,
                    // not through Redis.
                    var clients = hub.Clients.Clients(byUser[user]);
                    await clients.SendAsync(ClientMethods.Resync, cancellationToken);
                    await clients.SendAsync(ClientMethods.UnreadCount, counts[user], cancellationToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be down too; those clients catch up at their next push.
                RealtimeLog.ResyncFailed(logger, users.Length, exception);
            }
        }
    }

    public override void Dispose()
    {
        _restored.Dispose();
        base.Dispose();
    }
}
