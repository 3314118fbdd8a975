using Herald.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// A <see cref="HeraldClient"/> that records what it raises, so that a test can wait for a
/// state (every notification in, a reload asked for) instead of sleeping.
/// </summary>
public sealed class ClientRecorder : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<HeraldNotification> _received = [];
    private readonly List<long> _reloads = [];
    private readonly List<HubConnectionState> _states = [];
    private readonly List<UnreadCount> _counts = [];
    private readonly List<StateChange> _stateChanges = [];
    private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> _waiters = [];
    private int _resumes;

    public ClientRecorder(Uri server, string user, long? startAfter, Func<string>? token = null)
    {
        token ??= () => TestTokens.For(user);
        Client = new HeraldClient(new HeraldClientOptions
        {
            ServerUrl = server,
            AccessTokenProvider = () => Task.FromResult<string?>(token()),
            StartAfter = startAfter,
            MaxReconnectDelay = TimeSpan.FromSeconds(1),
        });

        Client.NotificationReceived += n => Record(() => _received.Add(n));
        Client.ReloadRequired += position => Record(() => _reloads.Add(position));
        Client.Resumed += _ => Record(() => _resumes++);
        Client.ConnectionStateChanged += state => Record(() => _states.Add(state));
        Client.UnreadCountChanged += count => Record(() => _counts.Add(count));
        Client.StateChanged += change => Record(() => _stateChanges.Add(change));
    }

    public HeraldClient Client { get; }

    public IReadOnlyList<HeraldNotification> Received => Copy(_received);

    public IReadOnlyList<long> Reloads => Copy(_reloads);

    public IReadOnlyList<HubConnectionState> States => Copy(_states);

    /// <summary>Every unread count the client raised, in order.</summary>
    public IReadOnlyList<UnreadCount> Counts => Copy(_counts);

    /// <summary>Every state change the client raised, in order.</summary>
    public IReadOnlyList<StateChange> StateChanges => Copy(_stateChanges);

    /// <summary>How many times the client caught up after a connect or reconnect.</summary>
    public int Resumes
    {
        get
        {
            lock (_gate)
            {
                return _resumes;
            }
        }
    }

    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(HubClient.Timeout);
        await Client.StartAsync(timeout.Token);
    }

    /// <summary>Waits until <paramref name="done"/> holds; it is checked after every event.</summary>
    public Task WaitUntilAsync(Func<ClientRecorder, bool> done, TimeSpan? timeout = null)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        lock (_gate)
        {
            if (done(this))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((() => done(this), signal));
        }

        return signal.Task.WaitAsync(timeout ?? HubClient.Timeout);
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();

    private List<T> Copy<T>(List<T> events)
    {
        lock (_gate)
        {
            return [.. events];
        }
    }

    private void Record(Action change)
    {
        lock (_gate)
        {
            change();

            foreach (var waiter in _waiters.Where(w => w.Done()).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }
}
