using System.Net.Http.Headers;
using System.Net.Http.Json;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Cluster;

/// <summary>
/// Three Herald.Server processes, A, B and C, on one PostgreSQL database and one Redis, the way
/// a cluster runs behind a load balancer. The channel prefix is the fixture's own, so nothing
/// else on that Redis reaches these nodes.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public ClusterFixture()
    {
        var prefix = "herald-test-" + Guid.NewGuid().ToString("N")[..8];
        Nodes = ["A", "B", "C"];
        Servers = Nodes.Select(_ =>
        {
            var server = new ServerProcess(Database);
            server.Settings["Herald__Redis__ConnectionString"] = TestServices.Redis;
            server.Settings["Herald__Redis__ChannelPrefix"] = prefix;

            // Each node's dispatcher writes a line per batch, so a test can see who delivered.
            server.Settings["Logging__LogLevel__Herald.Delivery"] = "Debug";

            // Long enough that a pass on a loaded machine keeps its claim (a shorter one would
            // let another node deliver the batch again), short enough that a killed node's
            // claims lapse within the test.
            server.Settings["Herald__Outbox__ClaimLease"] = "00:00:10";

            // A failed push is retried soon, so an outage's retries fit into a test.
            server.Settings["Herald__Outbox__RetryMaxDelay"] = "00:00:02";
            server.Settings["Herald__Outbox__SweepInterval"] = "00:00:01";
            return server;
        }).ToList();
    }

    public TestDatabase Database { get; } = TestDatabase.NewPostgres();

    public IReadOnlyList<string> Nodes { get; }

    public IReadOnlyList<ServerProcess> Servers { get; }

    public ServerProcess A => Servers[0];

    public ServerProcess B => Servers[1];

    public ServerProcess C => Servers[2];

    public async Task InitializeAsync()
    {
        // One node first creates the schema; the others then start at once.
        await A.StartAsync();
        await Task.WhenAll(B.StartAsync(), C.StartAsync());
    }

    public async Task DisposeAsync()
    {
        foreach (var server in Servers)
        {
            await server.DisposeAsync();
        }
    }

    public static HttpClient ClientFor(ServerProcess server, string user, params string[] scopes)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(user, scopes));
        return http;
    }

    /// <summary>Sends notifications to <paramref name="recipient"/> through a node; returns the answer.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient http, string recipient, int count, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/notifications")
        {
            Content = JsonContent.Create(new
            {
                notifications = Enumerable.Range(1, count).Select(i => new { recipient, type = "comment", title = $"Note {i}" }),
            }),
        };

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return http.SendAsync(request);
    }

    /// <summary>The ids a successful send answered with.</summary>
    public static async Task<List<Guid>> IdsAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<HeraldAppFactory.IdsBody>();
        return body!.Ids;
    }
}
