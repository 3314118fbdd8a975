using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Herald.Client;

/// <summary>
/// One user's live connection to Herald. It reconnects by itself with backoff, and after every
/// connect it asks for what it missed, so the application sees each notification once and in
/// stream order, whatever the network did.
/// </summary>
/// <remarks>
/// Events are raised one at a time, in order, on a background task; a handler that throws is
/// logged and does not stop the client. Keep <see cref="Position"/> to start a later run with
/// <see cref="HeraldClientOptions.StartAfter"/>.
/// </remarks>
public sealed class HeraldClient : IAsyncDisposable
{
    private readonly HeraldClientOptions _options;
    private readonly ILogger _logger;
    private readonly HubConnection _connection;
    private readonly CancellationTokenSource _stopping = new();

    // Everything the hub sends goes through this queue to one reader, which applies it in
    // arrival order; a resume runs on that reader too, so pushes wait for it.
    private readonly Channel<object> _arrivals = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<HeraldNotification> _beforeFirstResume = [];
    private Task? _processing;
    private long _position;
    private UnreadCount? _unreadCount;

    public HeraldClient(HeraldClientOptions options, ILogger<HeraldClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _position = options.StartAfter ?? Unknown;

        _connection = new HubConnectionBuilder()
            .WithUrl(HubUrl(options.ServerUrl), http =>
            {
                http.AccessTokenProvider = options.AccessTokenProvider;

                // Herald's hub speaks WebSockets only, so the negotiate round trip is skipped.
                http.Transports = HttpTransportType.WebSockets;
                http.SkipNegotiation = true;
            })
            .WithAutomaticReconnect(new ReconnectBackoff(options.MaxReconnectDelay))
            .Build();

        _connection.On<HeraldNotification>("notification", Arrive);
        _connection.On<UnreadCount>("unreadCount", Arrive);
        _connection.On<StateChange>("stateChanged", Arrive);

        // The server's link to its other nodes was down: pushes may be missing.
        _connection.On("resync", () => Arrive(new Connected(CaughtUp: null)));
        _connection.Reconnecting += OnReconnectingAsync;
        _connection.Reconnected += OnReconnectedAsync;
        _connection.Closed += exception =>
        {
            _ = Task.Run(() => RestartAsync(exception));
            return Task.CompletedTask;
        };
    }

    /// <summary>A notification, raised once per notification and in stream order.</summary>
    public event Action<HeraldNotification>? NotificationReceived;

    /// <summary>The unread counts changed; an older count that arrives late is not raised.</summary>
    public event Action<UnreadCount>? UnreadCountChanged;

    /// <summary>
    /// Notifications were marked read, unread or seen, archived or put back, here or on another
    /// device; the new counts follow in <see cref="UnreadCountChanged"/>.
    /// </summary>
    public event Action<StateChange>? StateChanged;

    /// <summary>
    /// The client was too far behind to be replayed: reload the inbox over HTTP. The argument
    /// is the position the client goes on from.
    /// </summary>
    public event Action<long>? ReloadRequired;

    /// <summary>A connect or reconnect finished catching up; the argument is the position reached.</summary>
    public event Action<long>? Resumed;

    /// <summary>
    /// The connection was lost (<see cref="HubConnectionState.Reconnecting"/>) or is back
    /// (<see cref="HubConnectionState.Connected"/>, raised before the catching up).
    /// </summary>
    public event Action<HubConnectionState>? ConnectionStateChanged;

    /// <summary>The last stream position applied, or null before the first resume when starting from now.</summary>
    public long? Position
    {
        get
        {
            var position = Interlocked.Read(ref _position);
            return position == Unknown ? null : position;
        }
    }

    /// <summary>The newest unread counts received, or null before the first.</summary>
    public UnreadCount? UnreadCount => Volatile.Read(ref _unreadCount);

    public HubConnectionState State => _connection.State;

    /// <summary>
    /// Connects once, and returns when the client has caught up with what it missed. A failure
    /// here (a wrong address, a refused token) is thrown; later losses are reconnected.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _processing ??= Task.Run(ProcessAsync, CancellationToken.None);
        await _connection.StartAsync(cancellationToken);

        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Arrive(new Connected(caughtUp));
        await caughtUp.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Closes the connection for good; no event is raised after this returns.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _connection.DisposeAsync();
        _arrivals.Writer.TryComplete();

        // The token source is not disposed: a restart loop that is just ending may still read
        // its token, and a source without a timer holds nothing that needs freeing.
        if (_processing is not null)
        {
            await _processing;
        }
    }

    private void Arrive(object item) => _arrivals.Writer.TryWrite(item);

    private async Task ProcessAsync()
    {
        await foreach (var item in _arrivals.Reader.ReadAllAsync())
        {
            if (_stopping.IsCancellationRequested)
            {
                break;
            }

            switch (item)
            {
                case Connected connected:
                    await ResumeAsync();
                    connected.CaughtUp?.TrySetResult();
                    break;

                case HeraldNotification notification:
                    await OnNotificationAsync(notification);
                    break;

                case UnreadCount count:
                    OnUnreadCount(count);
                    break;

                case StateChange change:
                    Raise(StateChanged, change);
                    break;

                case HubConnectionState state:
                    Raise(ConnectionStateChanged, state);
                    break;
            }
        }
    }

    private async Task OnNotificationAsync(HeraldNotification notification)
    {
        if (_position == Unknown)
        {
            // Starting from now, and the answer that says where "now" is has not come yet.
            _beforeFirstResume.Add(notification);
            return;
        }

        if (Apply(notification))
        {
            return;
        }

        // A gap: this one was committed, so everything before it was too, and the hub's replay
        // holds it. The push itself is applied (or dropped as already seen) afterwards.
        ClientLog.GapFound(_logger, _position, notification.Position);

        if (await ResumeAsync() && !Apply(notification))
        {
            ClientLog.GapRemains(_logger, _position, notification.Position);
        }
    }

    /// <summary>
    /// Applies a notification that continues the stream, drops one already applied, and
    /// returns false for one beyond a gap.
    /// </summary>
    private bool Apply(HeraldNotification notification)
    {
        if (notification.Position <= _position)
        {
            return true;
        }

        if (notification.Position != _position + 1)
        {
            return false;
        }

        Interlocked.Exchange(ref _position, notification.Position);
        Raise(NotificationReceived, notification);
        return true;
    }

    /// <summary>Asks the hub for everything after the current position; false when that failed.</summary>
    private async Task<bool> ResumeAsync()
    {
        ResumeResult result;
        long? after = _position == Unknown ? null : _position;

        try
        {
            result = await _connection.InvokeAsync<ResumeResult>("Resume", after, _stopping.Token);
        }
        catch (Exception exception) when (!_stopping.IsCancellationRequested)
        {
            // The connection went away meanwhile; the next reconnect resumes again.
            ClientLog.ResumeFailed(_logger, exception);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        if (result.Reload)
        {
            ClientLog.ReloadRequired(_logger, after, result.Position);
            Interlocked.Exchange(ref _position, result.Position);
            Raise(ReloadRequired, result.Position);
        }
        else
        {
            foreach (var notification in result.Notifications)
            {
                Apply(notification);
            }

            if (_position == Unknown)
            {
                Interlocked.Exchange(ref _position, result.Position);
            }
        }

        ClientLog.Resumed(_logger, after, result.Notifications.Count, _position);
        Raise(Resumed, _position);

        if (_beforeFirstResume.Count > 0)
        {
            var early = _beforeFirstResume.OrderBy(n => n.Position).ToList();
            _beforeFirstResume.Clear();

            foreach (var notification in early)
            {
                await OnNotificationAsync(notification);
            }
        }

        return true;
    }

    private void OnUnreadCount(UnreadCount count)
    {
        // The hub numbers every change of the user's state; a count that took a slower path
        // and arrives after a newer one is stale, and one the client already has (sent again
        // on a reconnect) is no change.
        if (_unreadCount is { } current
            && (count.Version < current.Version || (count.Version == current.Version && SameCounts(count, current))))
        {
            return;
        }

        Volatile.Write(ref _unreadCount, count);
        Raise(UnreadCountChanged, count);
    }

    private static bool SameCounts(UnreadCount a, UnreadCount b) =>
        a.Total == b.Total
        && a.Unseen == b.Unseen
        && a.ByType.Count == b.ByType.Count
        && a.ByType.All(t => b.ByType.TryGetValue(t.Key, out var n) && n == t.Value);

    private void Raise<T>(Action<T>? handlers, T argument)
    {
        try
        {
            handlers?.Invoke(argument);
        }
        catch (Exception exception)
        {
            ClientLog.HandlerFailed(_logger, typeof(T).Name, exception);
        }
    }

    private Task OnReconnectingAsync(Exception? exception)
    {
        ClientLog.Reconnecting(_logger, exception);
        Arrive(HubConnectionState.Reconnecting);
        return Task.CompletedTask;
    }

    private Task OnReconnectedAsync(string? connectionId)
    {
        Arrive(HubConnectionState.Connected);
        Arrive(new Connected(null));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The connection closed without an automatic reconnect: the server ended it (an expired
    /// token, say). Start over with a fresh token, with backoff, until it works or the client
    /// is disposed.
    /// </summary>
    private async Task RestartAsync(Exception? exception)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        ClientLog.Closed(_logger, exception);
        Arrive(HubConnectionState.Reconnecting);
        var backoff = new ReconnectBackoff(_options.MaxReconnectDelay);

        for (var attempt = 0; !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(backoff.DelayFor(attempt), _stopping.Token);
                await _connection.StartAsync(_stopping.Token);
                Arrive(HubConnectionState.Connected);
                Arrive(new Connected(null));
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                ClientLog.RestartFailed(_logger, attempt + 1, failure);
            }
        }
    }

    private static Uri HubUrl(Uri serverUrl)
    {
        var root = serverUrl.AbsoluteUri.EndsWith('/') ? serverUrl : new Uri(serverUrl.AbsoluteUri + "/");
        return new Uri(root, "hubs/notifications");
    }

    private const long Unknown = -1;

    /// <summary>A connect or reconnect happened: resume, then tell the waiting start, if any.</summary>
    private sealed record Connected(TaskCompletionSource? CaughtUp);
}
