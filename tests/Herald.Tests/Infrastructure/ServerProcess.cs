using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// Herald.Server as a real child process on a loopback port, the way an operator runs it, so
/// that a test can kill it hard and start it again on the same port and database.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly List<string> _output = [];
    private Process? _process;

    public ServerProcess(TestDatabase database)
    {
        Database = database;
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
    }

    public TestDatabase Database { get; }

    public Uri BaseAddress { get; }

    /// <summary>
    /// Whether the test creates the database before the server starts (the default), or leaves
    /// that to the server, as a first start in production would.
    /// </summary>
    public bool CreatesDatabase { get; init; } = true;

    /// <summary>Settings on top of the test defaults, as environment variables (<c>Herald__Redis__ConnectionString</c>).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Starts the server and returns once it listens.</summary>
    public async Task StartAsync()
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = _output;
        var process = new Process
        {
            StartInfo = new ProcessStartInfo("dotnet", [ServerAssembly(), "--urls", BaseAddress.AbsoluteUri.TrimEnd('/')])
            {
                WorkingDirectory = Path.GetDirectoryName(ServerAssembly()),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment =
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Test",
                    ["Herald__Storage__Provider"] = Database.Provider,
                    ["Herald__Storage__ConnectionString"] = Database.ConnectionString,
                    ["Herald__Auth__SigningKey"] = TestTokens.SigningKey,

                    // A claim of the killed process blocks its entries this long after a restart.
                    ["Herald__Outbox__ClaimLease"] = "00:00:02",
                    ["Logging__LogLevel__Default"] = "Warning",
                    ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
                },
            },
            EnableRaisingEvents = true,
        };

        foreach (var (name, value) in Settings)
        {
            process.StartInfo.Environment[name] = value;
        }

        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(e.Data);
            }

            if (e.Data.Contains("Now listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.Add(e.Data);
                }
            }
        };
        process.Exited += (_, _) => listening.TrySetException(
            new InvalidOperationException("Herald.Server exited while starting:\n" + string.Join('\n', output)));

        if (CreatesDatabase)
        {
            await Database.EnsureCreatedAsync();
        }

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Every line the process wrote, over all its starts.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown code of its own runs.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    /// <summary>The server's own build output, next to this test project's in the repository.</summary>
    private static string ServerAssembly()
    {
        var root = TestServices.RepositoryRoot();
        var build = Path.GetRelativePath(Path.Combine(root, "tests", "Herald.Tests", "bin"), AppContext.BaseDirectory);
        var server = Path.Combine(root, "src", "Herald.Server", "bin", build, "Herald.Server.dll");
        return File.Exists(server) ? server : throw new FileNotFoundException("Herald.Server is not built.", server);
    }

    /// <summary>
    /// A free port below the range the kernel hands out for outgoing connections: the server
    /// binds it later, and again after a restart, and a port from that range could meanwhile be
    /// taken by any connection to PostgreSQL, Redis or another server.
    /// </summary>
    private static int FreePort()
    {
        var outgoingFrom = File.Exists(PortRangeFile)
            ? int.Parse(File.ReadAllText(PortRangeFile).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0])
            : 32768;

        while (true)
        {
            var port = Random.Shared.Next(10_000, outgoingFrom);

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: another one.
            }
        }
    }

    private const string PortRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
}
