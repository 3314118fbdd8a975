using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Herald.Bench;

/// <summary>
/// Send-to-receipt latency on a local connection: starts Herald.Server as a child process on a
/// loopback port with a fresh SQLite file, connects one hub client as the recipient, then sends
/// one notification at a time over HTTP and times each until the client receives it.
/// </summary>
internal static class LatencyBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sends = args.Length > 1 ? int.Parse(args[1]) : 3000;
        var warmup = Math.Min(200, sends / 10);

        if (Bench.ServerAssembly() is not { } server)
        {
            return 1;
        }

        var port = Bench.FreePort();
        var data = Directory.CreateTempSubdirectory("herald-bench-");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [server, "--urls", $"http://127.0.0.1:{port}"])
        {
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Herald__Storage__ConnectionString"] = $"Data Source={Path.Combine(data.FullName, "herald.db")}",
                ["Logging__LogLevel__Default"] = "Warning",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var baseUri = new Uri($"http://127.0.0.1:{port}");
            using var http = new HttpClient { BaseAddress = baseUri };
            await WaitForServerAsync(http);

            var aliceToken = await TokenAsync(http, "alice");
            var bobToken = await TokenAsync(http, "bob");
            http.DefaultRequestHeaders.Authorization = new("Bearer", aliceToken);

            var received = new TaskCompletionSource<long>[sends + warmup];
            for (var i = 0; i < received.Length; i++)
            {
                received[i] = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            await using var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(baseUri, "/hubs/notifications"), o =>
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(bobToken);
                    o.Transports = HttpTransportType.WebSockets;
                })
                .Build();
            hub.On<JsonElement>("notification", n =>
            {
                var seq = int.Parse(n.GetProperty("title").GetString()!);
                received[seq].TrySetResult(Stopwatch.GetTimestamp());
            });
            await hub.StartAsync();

            var endToEnd = new List<double>(sends);
            var accepted = new List<double>(sends);

            for (var i = 0; i < received.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/api/notifications", new
                {
                    notifications = new[] { new { recipient = "bob", type = "bench", title = i.ToString(), content = "Latency probe" } },
                });
                response.EnsureSuccessStatusCode();
                var acceptedAt = Stopwatch.GetTimestamp();
                var arrivedAt = await received[i].Task.WaitAsync(TimeSpan.FromSeconds(30));

                if (i >= warmup)
                {
                    accepted.Add(Stopwatch.GetElapsedTime(started, acceptedAt).TotalMilliseconds);
                    endToEnd.Add(Stopwatch.GetElapsedTime(started, arrivedAt).TotalMilliseconds);
                }
            }

            Console.WriteLine($"sends measured: {sends} (after {warmup} warm-up sends), one at a time, SQLite file, loopback");
            Console.WriteLine($"send accepted (HTTP 202):   p50 {Bench.Percentile(accepted, 50):F2} ms   p99 {Bench.Percentile(accepted, 99):F2} ms");
            Console.WriteLine($"send to receipt on the hub: p50 {Bench.Percentile(endToEnd, 50):F2} ms   p99 {Bench.Percentile(endToEnd, 99):F2} ms");
            return 0;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            data.Delete(recursive: true);
        }
    }

    private static async Task<string> TokenAsync(HttpClient http, string user)
    {
        var response = await http.PostAsJsonAsync("/dev/token", new { user });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static async Task WaitForServerAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);

        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
