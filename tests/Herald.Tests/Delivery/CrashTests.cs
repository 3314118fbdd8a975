using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Herald.Tests.Delivery;

[Trait("Store", "Any")]
public sealed class CrashTests : IAsyncLifetime
{
    private readonly string _folder = HeraldAppFactory.NewDataFolder();

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AServerKilledMidStreamLosesNothingCommittedAndTheClientEndsWithEachNotificationOnceInOrder()
    {
        const int total = 300;
        var database = TestDatabase.In(_folder);
        await using var server = new ServerProcess(database);
        await server.StartAsync();
        var bob = Users.New("bob");
        await using var client = new ClientRecorder(server.BaseAddress, bob, startAfter: 0);
        await client.StartAsync();

        var acknowledged = new ConcurrentDictionary<int, Guid>();
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failedAttempts = 0;

        // Sends one at a time, each with its own idempotency key: a send cut off by the kill is
        // sent again once the server is back, and stored once whether or not it was committed.
        var sending = Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("alice"));

            for (var i = 0; i < total; i++)
            {
                while (!acknowledged.ContainsKey(i))
                {
                    try
                    {
                        acknowledged[i] = await SendAsync(http, bob, i);
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                    {
                        failedAttempts++;
                        await restarted.Task;
                    }
                }

                if (i == total / 3)
                {
                    halfway.TrySetResult();
                }
            }
        });

        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await server.KillAsync();
        await server.StartAsync();
        restarted.SetResult();
        await sending.WaitAsync(TimeSpan.FromSeconds(120));

        var sent = Enumerable.Range(0, total).Select(i => acknowledged[i]).ToList();
        var stored = await StoredIdsAsync(server.BaseAddress, bob);
        await client.WaitUntilAsync(c => c.Received.Count >= total, TimeSpan.FromSeconds(60));

        Assert.True(failedAttempts > 0, "The kill cut off no send; it came too late to test anything.");
        Assert.Equal(total, sent.Distinct().Count());
        Assert.Equal(sent, stored);
        Assert.Equal(sent, client.Received.Select(n => n.Id));
        Assert.Equal(Enumerable.Range(1, total).Select(p => (long)p), client.Received.Select(n => n.Position));

        // Deliveries the kill left pending or claimed are made after the restart, once the
        // dead process's claims run out.
        var pending = await Eventually.MatchAsync(
            _ => database.ScalarAsync("SELECT COUNT(*) FROM herald_outbox WHERE state = 0"),
            n => n == 0,
            TimeSpan.FromSeconds(30));
        Assert.Equal(0, pending);
    }

    private static async Task<Guid> SendAsync(HttpClient http, string recipient, int i)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/notifications")
        {
            Content = JsonContent.Create(new
            {
                notifications = new[] { new { recipient, type = "comment", title = $"Message {i}" } },
            }),
        };
        request.Headers.Add("Idempotency-Key", $"message-{i}");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<HeraldAppFactory.IdsBody>();
        return body!.Ids.Single();
    }

    /// <summary>Every stored notification of the user, oldest first, read the way an HTTP poller would.</summary>
    private static async Task<List<Guid>> StoredIdsAsync(Uri server, string user)
    {
        using var http = new HttpClient { BaseAddress = server };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(user));
        var ids = new List<Guid>();
        string? after = "0";

        while (after is not null)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/notifications?after={after}&limit=200");
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()));
            after = page.GetProperty("nextCursor").GetString();
        }

        return ids;
    }
}
