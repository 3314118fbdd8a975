using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace Herald.Bench;

/// <summary>
/// A broadcast to many users on one node: how long the operator's request takes, how soon the
/// first and the last recipient (in id order) have it on a live connection, and how fast the
/// dispatcher writes the recipients' notifications and pushes them.
/// </summary>
internal static partial class FanOutBench
{
    private const string SigningKey = "fan-out-bench-signing-key-of-at-least-32-bytes";

    public static async Task<int> RunAsync(string[] args)
    {
        var recipients = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).FirstOrDefault(100_000);
        var postgres = args.Contains("--postgres");

        if (Bench.ServerAssembly() is not { } server)
        {
            return 1;
        }

        var folder = Directory.CreateTempSubdirectory("herald-fanout-");
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Herald__Auth__SigningKey"] = SigningKey,
            ["Herald__Storage__Provider"] = postgres ? "PostgreSQL" : "Sqlite",
            ["Herald__Storage__ConnectionString"] = postgres
                ? await NewPostgresDatabaseAsync()
                : $"Data Source={Path.Combine(folder.FullName, "herald.db")}",
            ["Logging__LogLevel__Herald.Delivery"] = "Debug",
        };

        try
        {
            await using var node = ClusterNode.Start("fan-out", server, settings);
            await node.WaitReadyAsync();
            node.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Bearer", Jwt.Sign("operators", SigningKey, "notifications.send notifications.broadcast"));

            // The users Herald knows, made known the way a host's sign-up code would: a service
            // subscribes them to a topic, a thousand a call.
            var users = Enumerable.Range(1, recipients).Select(i => $"user{i:D6}").ToList();
            var seeding = Stopwatch.StartNew();

            foreach (var chunk in users.Chunk(1000))
            {
                using var subscribed = await node.Http.PostAsJsonAsync("/api/topics/members/subscribers", new { users = chunk });
                subscribed.EnsureSuccessStatusCode();
            }

            seeding.Stop();

            // A warm-up through the same path: a send to a topic nobody is subscribed to.
            using (var warmUp = await node.Http.PostAsJsonAsync("/api/topics/nobody/notifications", new
            {
                notification = new { type = "announcement", title = "Warm-up" },
            }))
            {
                warmUp.EnsureSuccessStatusCode();
            }

            var clock = new Stopwatch();
            await using var first = await LiveUser.ConnectAsync(node, users[0], clock);
            await using var last = await LiveUser.ConnectAsync(node, users[^1], clock);

            clock.Start();
            using var accepted = await node.Http.PostAsJsonAsync("/api/broadcasts", new
            {
                notification = new { type = "announcement", title = "Maintenance on Saturday" },
            });
            var acceptedMs = clock.Elapsed.TotalMilliseconds;
            accepted.EnsureSuccessStatusCode();

            var firstMs = (await first.Arrived.WaitAsync(TimeSpan.FromMinutes(10))).TotalMilliseconds;
            var lastMs = (await last.Arrived.WaitAsync(TimeSpan.FromMinutes(10))).TotalMilliseconds;
            var (writtenMs, pushedMs) = await WaitForFanOutAsync(node, clock, recipients);
            var (rss, peak) = node.Memory();

            Console.WriteLine($"fan-out to {recipients:N0} users on {(postgres ? "PostgreSQL" : "SQLite")}, one node");
            Console.WriteLine($"  users made known (subscribed, 1000 a call): {seeding.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"  broadcast accepted (202):          {acceptedMs:F1} ms");
            Console.WriteLine($"  first user's push:                 {firstMs:F0} ms");
            Console.WriteLine($"  last user's push:                  {lastMs:F0} ms");
            Console.WriteLine($"  every notification written:        {writtenMs / 1000:F1} s ({recipients / (writtenMs / 1000):N0} per second)");
            Console.WriteLine($"  every push made:                   {pushedMs / 1000:F1} s");
            Console.WriteLine($"  node memory:                       {rss:F0} MiB now, {peak:F0} MiB at peak");

            foreach (var entry in node.LogEntries().Where(e => e.StartsWith("fail", StringComparison.Ordinal) || e.StartsWith("warn", StringComparison.Ordinal)))
            {
                Console.WriteLine($"  node logged: {entry}");
            }

            first.CheckOnce();
            last.CheckOnce();
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Reads the node's log until the fan-out says it is complete and the dispatcher has pushed
    /// as many entries as there are recipients; returns both times since the send.
    /// </summary>
    private static async Task<(double WrittenMs, double PushedMs)> WaitForFanOutAsync(ClusterNode node, Stopwatch clock, int recipients)
    {
        double? written = null;

        while (true)
        {
            var entries = node.LogEntries();
            written ??= entries.Any(e => e.Contains("is complete", StringComparison.Ordinal)) ? clock.Elapsed.TotalMilliseconds : null;
            var pushed = entries.Select(e => DispatchedLine().Match(e)).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value));

            if (written is not null && pushed >= recipients)
            {
                return (written.Value, clock.Elapsed.TotalMilliseconds);
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"After 10 minutes: written {(written is null ? "not yet" : "yes")}, {pushed} pushed.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A database of its own on the server HERALD_TEST_POSTGRES names (scripts/services.sh starts one).</summary>
    private static async Task<string> NewPostgresDatabaseAsync()
    {
        var admin = Environment.GetEnvironmentVariable("HERALD_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set HERALD_TEST_POSTGRES: eval \"$(scripts/services.sh start)\".");
        var name = "herald_fanout_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    [GeneratedRegex(@"Dispatched (\d+) outbox entries")]
    private static partial Regex DispatchedLine();

    /// <summary>One recipient's hub connection, timing the broadcast's arrival from the send.</summary>
    private sealed class LiveUser : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly TaskCompletionSource<TimeSpan> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _received;

        private LiveUser(HubConnection connection) => _connection = connection;

        /// <summary>The send's clock when the broadcast arrived.</summary>
        public Task<TimeSpan> Arrived => _arrived.Task;

        public static async Task<LiveUser> ConnectAsync(ClusterNode node, string user, Stopwatch sendClock)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(node.BaseAddress, "/hubs/notifications"), http =>
                {
                    http.AccessTokenProvider = () => Task.FromResult<string?>(Jwt.Sign(user, SigningKey));
                    http.Transports = HttpTransportType.WebSockets;
                    http.SkipNegotiation = true;
                })
                .Build();
            var live = new LiveUser(connection);
            connection.On<object>("notification", _ =>
            {
                Interlocked.Increment(ref live._received);
                live._arrived.TrySetResult(sendClock.Elapsed);
            });
            await connection.StartAsync();
            return live;
        }

        public void CheckOnce()
        {
            if (_received != 1)
            {
                Console.WriteLine($"  a live user received the broadcast {_received} times");
            }
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
