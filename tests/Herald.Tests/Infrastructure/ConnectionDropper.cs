using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// A hub filter that keeps the open connections, so that a test can cut them from the server's
/// side, the way a dropped network or a restarted proxy would.
/// </summary>
public sealed class ConnectionDropper : IHubFilter
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new();
    private TaskCompletionSource _connected = NewSignal();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        _open[context.Context.ConnectionId] = context.Context;
        await next(context);
        Interlocked.Exchange(ref _connected, NewSignal()).TrySetResult();
    }

    /// <summary>Waits until at least one connection is open.</summary>
    public async Task WaitForOpenAsync()
    {
        using var timeout = new CancellationTokenSource(HubClient.Timeout);

        while (_open.IsEmpty)
        {
            await Volatile.Read(ref _connected).Task.WaitAsync(timeout.Token);
        }
    }

    public async Task OnDisconnectedAsync(
        HubLifetimeContext context,
        Exception? exception,
        Func<HubLifetimeContext, Exception?, Task> next)
    {
        _open.TryRemove(context.Context.ConnectionId, out _);
        await next(context, exception);
    }

    /// <summary>Aborts every open connection; returns how many there were.</summary>
    public int DropAll()
    {
        var dropped = 0;

        foreach (var (id, connection) in _open)
        {
            if (_open.TryRemove(id, out _))
            {
                connection.Abort();
                dropped++;
            }
        }

        return dropped;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
