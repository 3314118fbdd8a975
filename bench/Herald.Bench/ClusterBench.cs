using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace Herald.Bench;

/// <summary>
/// Three Herald.Server nodes on one PostgreSQL database and one Redis (HERALD_TEST_POSTGRES,
/// an admin connection string, and HERALD_TEST_REDIS, host:port, as scripts/services.sh exports
/// them). Measures what the nodes together accept from closed-loop HTTP senders, and how long a
/// send on one node takes to reach hub connections on the others, unloaded and under half that
/// load, counting every notification that reaches a connection; then the first load again, on
/// the larger database. docs/benchmarks.md describes the run.
/// </summary>
internal sealed class ClusterBench
{
    private const int Recipients = 1000;
    private const int OnlineRecipients = 200;
    private const int ProbeUsers = 10;
    // At full load the nodes' JIT compiler gets too little CPU to finish tiering up for minutes,
    // so the warm-up runs at a rate the machine has room for.
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(60);
    private const double WarmupRate = 100;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    private readonly List<ClusterNode> _nodes;
    private readonly string _key;
    private readonly int _senders;
    private readonly Dictionary<string, HubListener[]> _listeners = [];
    private readonly ConcurrentDictionary<long, (HubListener[] On, TaskCompletionSource Done)> _probes = new();
    private readonly ConcurrentDictionary<string, int> _failures = new();
    private long _sequence;
    private long _stored;

    private ClusterBench(List<ClusterNode> nodes, string key, int senders)
    {
        _nodes = nodes;
        _key = key;
        _senders = senders;
    }

    private ClusterNode A => _nodes[0];

    public static async Task<int> RunAsync(string[] args)
    {
        var duration = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1]) : 20);
        var senders = args.Length > 2 ? int.Parse(args[2]) : 32;
        var postgres = Environment.GetEnvironmentVariable("HERALD_TEST_POSTGRES");
        var redis = Environment.GetEnvironmentVariable("HERALD_TEST_REDIS");

        if (string.IsNullOrEmpty(postgres) || string.IsNullOrEmpty(redis))
        {
            Console.Error.WriteLine("Set HERALD_TEST_POSTGRES and HERALD_TEST_REDIS: eval \"$(scripts/services.sh start)\"");
            return 1;
        }

        if (Bench.ServerAssembly() is not { } server)
        {
            return 1;
        }

        // Other work on the machine shows here, and in the CPU figures as "everything else".
        var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[0];

        // A database and channel prefix of this run's own; Herald creates the database.
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var database = new DbConnectionStringBuilder { ConnectionString = postgres };
        database["Database"] = "herald_bench_" + run;
        database["Maximum Pool Size"] = 40;
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Herald__Storage__Provider"] = "PostgreSQL",
            ["Herald__Storage__ConnectionString"] = database.ConnectionString,
            ["Herald__Redis__ConnectionString"] = redis,
            ["Herald__Redis__ChannelPrefix"] = "herald-bench-" + run,
            ["Herald__Auth__SigningKey"] = key,
            ["Logging__LogLevel__Default"] = "Warning",
        };

        var nodes = new List<ClusterNode>();

        try
        {
            // One node creates the database and its schema; the other two then start at once.
            nodes.Add(ClusterNode.Start("A", server, settings));
            await nodes[0].WaitReadyAsync();
            nodes.Add(ClusterNode.Start("B", server, settings));
            nodes.Add(ClusterNode.Start("C", server, settings));
            await Task.WhenAll(nodes.Skip(1).Select(n => n.WaitReadyAsync()));

            Console.WriteLine($"3 nodes on PostgreSQL database {database["Database"]} and Redis {redis}; {Environment.ProcessorCount} cores, "
                + $"load average {loadBefore} before the start");
            return await new ClusterBench(nodes, key, senders).MeasureAsync(duration);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private async Task<int> MeasureAsync(TimeSpan duration)
    {
        await ConnectListenersAsync();
        Console.WriteLine($"hub connections: {OnlineRecipients} of the {Recipients} recipients online, one connection each on A, B, C in turn; "
            + $"{ProbeUsers} probe users, each connected to B and to C");
        Console.WriteLine($"load: {_senders} senders, each on one node (A, B, C in turn), each waiting for its answer before the next send; "
            + $"{duration.TotalSeconds:F0} s per figure after a warm-up of {Warmup.TotalSeconds:F0} s at {WarmupRate:F0} sends/s");
        Console.WriteLine();

        await LoadAsync(batch: 1, WarmupRate, Warmup);
        var single = await LoadAsync(batch: 1, rate: null, duration);
        Report("throughput, 1 notification per send", single);
        await DrainAsync();

        ReportProbes("receipt, unloaded, sent on A", await ProbeAsync(duration, roundRobin: false));
        ReportProbes("receipt, unloaded, sent on A, B, C in turn", await ProbeAsync(duration, roundRobin: true));

        var rate = single.Sends / single.Elapsed.TotalSeconds / 2;
        using (var stop = new CancellationTokenSource())
        {
            var background = LoadAsync(batch: 1, rate, stop.Token);
            ReportProbes($"receipt, under {rate:N0} sends/s, sent on A", await ProbeAsync(duration, roundRobin: false));
            ReportProbes($"receipt, under {rate:N0} sends/s, sent on A, B, C in turn", await ProbeAsync(duration, roundRobin: true));
            await stop.CancelAsync();
            Report($"background load (asked {rate:N0} sends/s)", await background);
        }

        await DrainAsync();
        Report("throughput, 10 notifications per send", await LoadAsync(batch: 10, rate: null, duration));
        await DrainAsync();

        // The outbox keeps delivered entries (Herald:Outbox:DeliveredRetention), so it has grown.
        Report("throughput again, 1 notification per send", await LoadAsync(batch: 1, rate: null, duration));
        await DrainAsync();
        return ReportEnd() ? 0 : 1;
    }

    private async Task ConnectListenersAsync()
    {
        var connections = new List<Task<HubListener>>();

        for (var i = 0; i < OnlineRecipients; i++)
        {
            connections.Add(HubListener.ConnectAsync(_nodes[i % _nodes.Count], Recipient(i), Jwt.Sign(Recipient(i), _key), OnArrival));
        }

        for (var i = 0; i < ProbeUsers; i++)
        {
            var user = $"probe-{i:D2}";
            connections.Add(HubListener.ConnectAsync(_nodes[1], user, Jwt.Sign(user, _key), OnArrival));
            connections.Add(HubListener.ConnectAsync(_nodes[2], user, Jwt.Sign(user, _key), OnArrival));
        }

        foreach (var listener in await Task.WhenAll(connections))
        {
            _listeners[listener.User] = [.. _listeners.GetValueOrDefault(listener.User, []), listener];
        }
    }

    /// <summary>
    /// Senders that each post to their node until stopped, one send at a time; with a rate, the
    /// sends together keep to it, each waiting for its turn.
    /// </summary>
    private async Task<LoadResult> LoadAsync(int batch, double? rate, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        return await LoadAsync(batch, rate, stop.Token);
    }

    private async Task<LoadResult> LoadAsync(int batch, double? rate, CancellationToken stop)
    {
        var stored = Interlocked.Read(ref _stored);
        var before = CpuSample.Take(_nodes);
        var started = Stopwatch.GetTimestamp();
        long turns = 0;

        var senders = Enumerable.Range(0, _senders).Select(async s =>
        {
            var node = _nodes[s % _nodes.Count];
            var token = Jwt.Sign($"sender-{s:D2}", _key);
            var random = new Random(s);
            var accepted = new List<double>();
            var failed = 0;

            while (!stop.IsCancellationRequested)
            {
                if (rate is { } perSecond)
                {
                    var wait = TimeSpan.FromSeconds(Interlocked.Increment(ref turns) / perSecond) - Stopwatch.GetElapsedTime(started);

                    if (wait > TimeSpan.Zero && !await DelayAsync(wait, stop))
                    {
                        break;
                    }
                }

                var items = Enumerable.Range(0, batch).Select(_ => (Next(), Recipient(random.Next(Recipients)))).ToList();
                var sent = Stopwatch.GetTimestamp();

                if (await SendAsync(node, token, items))
                {
                    accepted.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
                else
                {
                    failed++;
                }
            }

            return (accepted, failed);
        });

        var results = await Task.WhenAll(senders);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var latencies = results.SelectMany(r => r.accepted).ToList();
        var cpu = CpuSample.Describe(before, CpuSample.Take(_nodes));
        return new LoadResult(batch, stored, latencies.Count, results.Sum(r => r.failed), latencies, elapsed, cpu);
    }

    /// <summary>Sends one at a time to the probe users (connected to B and C) and times each receipt.</summary>
    private async Task<ProbeResult> ProbeAsync(TimeSpan duration, bool roundRobin)
    {
        var stored = Interlocked.Read(ref _stored);
        var token = Jwt.Sign("prober", _key);
        var receipts = new List<double>();
        var late = 0;
        var failed = 0;
        var sends = 0;

        for (var began = Stopwatch.GetTimestamp(); Stopwatch.GetElapsedTime(began) < duration; sends++)
        {
            var user = $"probe-{sends % ProbeUsers:D2}";
            var node = roundRobin ? _nodes[sends % _nodes.Count] : A;
            var seq = Next();
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _probes[seq] = (_listeners[user], done);
            var started = Stopwatch.GetTimestamp();

            if (!await SendAsync(node, token, [(seq, user)]))
            {
                failed++;
            }
            else if (await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(10))) != done.Task)
            {
                late++;
            }

            _probes.TryRemove(seq, out _);
            receipts.AddRange(_listeners[user].Select(l => l.ArrivedAt(seq)).OfType<long>()
                .Select(at => Stopwatch.GetElapsedTime(started, at).TotalMilliseconds));
        }

        return new ProbeResult(sends, stored, receipts, late, failed);
    }

    /// <summary>Posts one batch; true when it was accepted, and then its online recipients expect it.</summary>
    private async Task<bool> SendAsync(ClusterNode node, string token, IReadOnlyList<(long Seq, string Recipient)> items)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/notifications")
        {
            Content = JsonContent.Create(new
            {
                notifications = items.Select(i => new
                {
                    recipient = i.Recipient,
                    type = "bench",
                    title = i.Seq.ToString(CultureInfo.InvariantCulture),
                    content = "Cluster bench",
                }),
            }),
        };
        request.Headers.Authorization = new("Bearer", token);

        try
        {
            using var response = await node.Http.SendAsync(request);

            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                _failures.AddOrUpdate($"node {node.Name}: HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
                return false;
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            _failures.AddOrUpdate($"node {node.Name}: {exception.GetType().Name}: {exception.Message}", 1, (_, n) => n + 1);
            return false;
        }

        Interlocked.Add(ref _stored, items.Count);

        foreach (var (seq, recipient) in items)
        {
            foreach (var listener in _listeners.GetValueOrDefault(recipient, []))
            {
                listener.Expect(seq);
            }
        }

        return true;
    }

    /// <summary>A probe is done once it reached every connection of its user.</summary>
    private void OnArrival(long seq)
    {
        if (_probes.TryGetValue(seq, out var probe) && probe.On.All(l => l.ArrivedAt(seq) is not null))
        {
            probe.Done.TrySetResult();
        }
    }

    /// <summary>Waits until every accepted send to an online recipient has arrived, after a load.</summary>
    private async Task DrainAsync()
    {
        var started = Stopwatch.GetTimestamp();

        while (Missing() > 0 && Stopwatch.GetElapsedTime(started) < DrainTimeout)
        {
            await Task.Delay(100);
        }

        var missing = Missing();
        Console.WriteLine(missing == 0
            ? $"  every push to an online recipient had arrived {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s after the load ended"
            : $"  {missing} pushes to online recipients still missing {DrainTimeout.TotalSeconds:F0} s after the load ended");
    }

    private int Missing() => AllListeners().Sum(l => l.Missing);

    private IEnumerable<HubListener> AllListeners() => _listeners.Values.SelectMany(l => l);

    private static void Report(string title, LoadResult load)
    {
        var seconds = load.Elapsed.TotalSeconds;
        Console.WriteLine($"{title}: {load.Sends / seconds:N0} sends/s accepted ({load.Sends * load.Batch / seconds:N0} notifications/s) "
            + $"over {seconds:F1} s; 202 p50 {Bench.Percentile(load.Accepted, 50):F1} ms, p99 {Bench.Percentile(load.Accepted, 99):F1} ms; "
            + $"{load.Failed} failed; {load.StoredBefore:N0} notifications stored before");
        Console.WriteLine($"  {load.Cpu}");
    }

    private static void ReportProbes(string title, ProbeResult probes)
    {
        Console.WriteLine($"{title}: p50 {Bench.Percentile(probes.Receipts, 50):F1} ms, p99 {Bench.Percentile(probes.Receipts, 99):F1} ms "
            + $"({probes.Receipts.Count} receipts of {probes.Count} sends; {probes.Late} not on both connections within 10 s, {probes.Failed} failed; "
            + $"{probes.StoredBefore:N0} notifications stored before)");
    }

    /// <summary>Every notification's fate, the nodes' memory and log; false when a send or a push went wrong.</summary>
    private bool ReportEnd()
    {
        var listeners = AllListeners().ToList();
        var expected = listeners.Sum(l => l.Expected);
        var missing = listeners.Sum(l => l.Missing);
        var duplicates = listeners.Sum(l => l.Duplicates);
        var unexpected = listeners.Sum(l => l.Unexpected);
        var outOfOrder = listeners.Sum(l => l.OutOfOrder);
        var misrouted = listeners.Sum(l => l.Misrouted);
        var closed = listeners.Count(l => l.Closed);
        Console.WriteLine();
        Console.WriteLine($"on {listeners.Count} connections: {expected:N0} receipts expected, {listeners.Sum(l => l.Received):N0} received; "
            + $"{missing} missing, {duplicates} twice, {unexpected} unexpected, {outOfOrder} out of order, {misrouted} for another user; "
            + $"{closed} connections closed");

        foreach (var (failure, count) in _failures)
        {
            Console.WriteLine($"failed sends: {count} x {failure}");
        }

        Console.WriteLine("memory (RSS now, peak): " + string.Join("; ", _nodes.Select(n =>
        {
            var (rss, peak) = n.Memory();
            return $"{n.Name} {rss:F0} MiB, {peak:F0} MiB";
        })));

        foreach (var node in _nodes)
        {
            var entries = node.LogEntries();
            Console.WriteLine($"node {node.Name} log: {entries.Count} entries at Warning or above");

            foreach (var group in entries.GroupBy(e => e.Split('\n')[0]).Take(5))
            {
                Console.WriteLine($"  {group.Count()} x {group.First().Replace("\n", "\n  ")}");
            }
        }

        return missing + duplicates + unexpected + misrouted + closed + _failures.Count == 0;
    }

    private long Next() => Interlocked.Increment(ref _sequence);

    private static string Recipient(int i) => $"user-{i:D4}";

    /// <summary>Waits, or returns false once the load is stopped.</summary>
    private static async Task<bool> DelayAsync(TimeSpan wait, CancellationToken stop)
    {
        try
        {
            await Task.Delay(wait, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private sealed record LoadResult(int Batch, long StoredBefore, int Sends, int Failed, List<double> Accepted, TimeSpan Elapsed, string Cpu);

    private sealed record ProbeResult(int Count, long StoredBefore, List<double> Receipts, int Late, int Failed);
}
