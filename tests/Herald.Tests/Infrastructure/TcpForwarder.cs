using System.Net;
using System.Net.Sockets;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// A load balancer as small as a test needs: each connection goes to the first backend, in the
/// given order, that accepts it, and bytes are copied both ways until either side closes. A
/// killed backend refuses, so its clients' reconnects land on the next one.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyList<Uri> _backends;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    public TcpForwarder(params Uri[] backends)
    {
        _backends = backends;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;

            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        {
            using var backend = await ConnectToFirstAsync();

            if (backend is null)
            {
                return;
            }

            var inbound = client.GetStream();
            var outbound = backend.GetStream();

            // When either direction ends, both sockets close, as a proxy's would.
            await Task.WhenAny(
                inbound.CopyToAsync(outbound, _stopping.Token),
                outbound.CopyToAsync(inbound, _stopping.Token)).ContinueWith(_ => { });
        }
    }

    private async Task<TcpClient?> ConnectToFirstAsync()
    {
        foreach (var backend in _backends)
        {
            var connection = new TcpClient();

            try
            {
                await connection.ConnectAsync(backend.Host, backend.Port, _stopping.Token);
                return connection;
            }
            catch (SocketException)
            {
                connection.Dispose();
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }
}
