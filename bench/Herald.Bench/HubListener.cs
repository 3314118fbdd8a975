using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Herald.Bench;

/// <summary>
/// One user's hub connection to one node, the way Herald's clients open it (WebSockets, no
/// negotiate). It records when each notification arrived, by the bench's sequence number in
/// its title, and counts what should not happen: a notification twice, for another user, or the
/// connection closing.
/// </summary>
internal sealed class HubListener : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly ConcurrentDictionary<long, long> _arrivals = new();
    private readonly ConcurrentDictionary<long, bool> _expected = new();
    private long _lastPosition;

    private HubListener(ClusterNode node, string user, string token, Action<long> arrived)
    {
        Node = node;
        User = user;
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(node.BaseAddress, "/hubs/notifications"), http =>
            {
                http.AccessTokenProvider = () => Task.FromResult<string?>(token);
                http.Transports = HttpTransportType.WebSockets;
                http.SkipNegotiation = true;
            })
            .Build();

        // The SignalR client runs one connection's handlers one at a time, in arrival order.
        _hub.On<JsonElement>("notification", n =>
        {
            var at = Stopwatch.GetTimestamp();
            var seq = long.Parse(n.GetProperty("title").GetString()!, CultureInfo.InvariantCulture);
            var position = n.GetProperty("position").GetInt64();

            if (!_arrivals.TryAdd(seq, at))
            {
                Duplicates++;
            }

            if (position <= _lastPosition)
            {
                OutOfOrder++;
            }

            if (n.GetProperty("recipient").GetString() != user)
            {
                Misrouted++;
            }

            _lastPosition = Math.Max(_lastPosition, position);
            arrived(seq);
        });
        _hub.On<JsonElement>("unreadCount", _ => { });
        _hub.Closed += _ =>
        {
            Closed = true;
            return Task.CompletedTask;
        };
    }

    public ClusterNode Node { get; }

    public string User { get; }

    public int Duplicates { get; private set; }

    /// <summary>
    /// Pushes that came after a later position of the stream. Each node's dispatcher pushes its
    /// own claims, so this happens in a cluster; Herald's client fills the gap with Resume when
    /// it sees the later one, and drops the earlier one when it comes.
    /// </summary>
    public int OutOfOrder { get; private set; }

    public int Misrouted { get; private set; }

    public bool Closed { get; private set; }

    public int Expected => _expected.Count;

    public int Received => _arrivals.Count;

    /// <summary>Accepted sends to this user that have not arrived (yet).</summary>
    public int Missing => _expected.Keys.Count(seq => !_arrivals.ContainsKey(seq));

    /// <summary>Arrivals of notifications that no accepted send stored.</summary>
    public int Unexpected => _arrivals.Keys.Count(seq => !_expected.ContainsKey(seq));

    public static async Task<HubListener> ConnectAsync(ClusterNode node, string user, string token, Action<long> arrived)
    {
        var listener = new HubListener(node, user, token, arrived);
        await listener._hub.StartAsync();

        // As Herald's client does: the hub runs Resume only once the connection is in its
        // user's group, so every push from then on reaches it.
        var resumed = await listener._hub.InvokeAsync<JsonElement>("Resume", (long?)null);
        listener._lastPosition = resumed.GetProperty("position").GetInt64();
        return listener;
    }

    /// <summary>A send of this sequence number to this user was accepted.</summary>
    public void Expect(long seq) => _expected.TryAdd(seq, true);

    /// <summary>When the notification arrived (a <see cref="Stopwatch"/> timestamp), if it has.</summary>
    public long? ArrivedAt(long seq) => _arrivals.TryGetValue(seq, out var at) ? at : null;

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
