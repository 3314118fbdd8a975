using System.Threading.Channels;
using Herald.Inbox;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Herald.Tests.Infrastructure;

/// <summary>A real SignalR connection over WebSockets that records what the hub pushes.</summary>
public sealed class HubClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly Channel<NotificationView> _notifications = Channel.CreateUnbounded<NotificationView>();
    private readonly Channel<UnreadCount> _counts = Channel.CreateUnbounded<UnreadCount>();
    private readonly Channel<StateChange> _stateChanges = Channel.CreateUnbounded<StateChange>();

    public HubClient(Uri hubUrl, Func<string> token)
    {
        Connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token());
                options.Transports = HttpTransportType.WebSockets;
            })
            .Build();

        Connection.On<NotificationView>("notification", n => _notifications.Writer.TryWrite(n));
        Connection.On<UnreadCount>("unreadCount", c => _counts.Writer.TryWrite(c));
        Connection.On<StateChange>("stateChanged", c => _stateChanges.Writer.TryWrite(c));
    }

    public HubConnection Connection { get; }

    /// <summary>The count the hub sent on connect.</summary>
    public UnreadCount? InitialCount { get; private set; }

    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await Connection.StartAsync(timeout.Token);
        InitialCount = await _counts.Reader.ReadAsync(timeout.Token);
    }

    public async Task<NotificationView> NextNotificationAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await _notifications.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Reads pushed counts until one matches; fails after the timeout.</summary>
    public async Task<UnreadCount> CountMatchingAsync(Func<UnreadCount, bool> match)
    {
        using var timeout = new CancellationTokenSource(Timeout);

        while (true)
        {
            var count = await _counts.Reader.ReadAsync(timeout.Token);

            if (match(count))
            {
                return count;
            }
        }
    }

    public async Task<StateChange> NextStateChangeAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await _stateChanges.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Notifications received and not yet read by the test.</summary>
    public bool HasUnseenNotification => _notifications.Reader.TryPeek(out _);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
