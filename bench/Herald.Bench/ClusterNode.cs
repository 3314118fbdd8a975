using System.Diagnostics;
using System.Net;

namespace Herald.Bench;

/// <summary>
/// One Herald.Server process of the cluster bench, on a loopback port, in the Production
/// environment. It keeps what the node writes: with the log at Warning, every entry is a problem.
/// </summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ClusterNode(string name, string server, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        BaseAddress = new Uri($"http://127.0.0.1:{Bench.FreePort()}");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // In the project's folder, as `dotnet run` starts it: its appsettings.json and wwwroot apply.
        var start = new ProcessStartInfo("dotnet", [server, "--urls", BaseAddress.AbsoluteUri.TrimEnd('/')])
        {
            WorkingDirectory = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(server)!, "..", "..", "..")),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>A client for this node; each request carries its own token.</summary>
    public HttpClient Http { get; }

    public static ClusterNode Start(string name, string server, IReadOnlyDictionary<string, string> settings) =>
        new(name, server, settings);

    /// <summary>Returns once <c>/health/ready</c> answers 200: the schema is in place and Redis answers.</summary>
    public async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);

        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"node {Name} exited while starting:\n{string.Join('\n', Output())}");
            }

            try
            {
                using var response = await Http.GetAsync("/health/ready");

                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"node {Name} was not ready within 60 s");
            }

            await Task.Delay(200);
        }
    }

    public int ProcessId => _process.Id;

    /// <summary>Resident memory now and at its peak, in MiB, from <c>/proc/&lt;pid&gt;/status</c>.</summary>
    public (double Rss, double Peak) Memory()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        double MiB(string field) =>
            long.Parse(status.Single(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        return (MiB("VmRSS"), MiB("VmHWM"));
    }

    /// <summary>
    /// The node's log entries: a console-logger entry is a "warn: Category[id]" line and the
    /// indented lines after it; anything else (a crash on stderr) is an entry of its own.
    /// </summary>
    public List<string> LogEntries()
    {
        var entries = new List<string>();

        foreach (var line in Output())
        {
            if (line.StartsWith(' ') && entries.Count > 0)
            {
                entries[^1] += "\n" + line;
            }
            else
            {
                entries.Add(line);
            }
        }

        return entries;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private List<string> Output()
    {
        lock (_output)
        {
            return [.. _output];
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }
}
