using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Net.Http.Json;
using Herald.Inbox;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Cluster;

/// <summary>
/// The tests that stop PostgreSQL or Redis take them away from every test running at the same
/// time, so this collection runs alone, after the others.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Cluster";
}

[Collection(ClusterCollection.Name)]
public sealed partial class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ASendOnOneNodeReachesTheRecipientsConnectionsOnTheOtherNodesOnceWithTheirCount()
    {
        var bob = Users.New("bob");
        await using var onB = await ConnectAsync(cluster.B, bob);
        await using var onC = await ConnectAsync(cluster.C, bob);
        using var alice = ClusterFixture.ClientFor(cluster.A, "alice");

        var sent = await ClusterFixture.IdsAsync(await ClusterFixture.SendAsync(alice, bob, 5));

        // A marker after them: anything pushed twice would come before it.
        sent.AddRange(await ClusterFixture.IdsAsync(await ClusterFixture.SendAsync(alice, bob, 1)));

        foreach (var connection in new[] { onB, onC })
        {
            var received = new List<NotificationView>();

            for (var i = 0; i < sent.Count; i++)
            {
                received.Add(await connection.NextNotificationAsync());
            }

            // Another node's dispatcher may push the marker ahead of the batch; the client puts
            // them in order by position.
            var count = await connection.CountMatchingAsync(c => c.Total == sent.Count);
            Assert.Equal(sent, received.OrderBy(n => n.Position).Select(n => n.Id));
            Assert.Equal(sent.Count, count.Unseen);
            Assert.False(connection.HasUnseenNotification);
        }
    }

    [Fact]
    public async Task ATopicSendAndABroadcastOnOneNodeReachTheirRecipientsOnTheOtherNodes()
    {
        var topic = "project:" + Guid.NewGuid().ToString("N")[..8];
        var (bob, carol, dave) = (Users.New("bob"), Users.New("carol"), Users.New("dave"));
        await using var bobOnB = await ConnectAsync(cluster.B, bob);
        await using var carolOnC = await ConnectAsync(cluster.C, carol);
        await using var daveOnC = await ConnectAsync(cluster.C, dave);
        using var service = ClusterFixture.ClientFor(cluster.A, "projects", "notifications.send", "notifications.broadcast");
        using var subscribed = await service.PostAsJsonAsync($"/api/topics/{topic}/subscribers", new { users = new[] { bob, carol } });
        subscribed.EnsureSuccessStatusCode();

        using var toTopic = await service.PostAsJsonAsync(
            $"/api/topics/{topic}/notifications", new { notification = new { type = "build", title = "Build 7 passed" } });
        var bobsFirst = await bobOnB.NextNotificationAsync();
        var carolsFirst = await carolOnC.NextNotificationAsync();
        using var toEveryone = await service.PostAsJsonAsync(
            "/api/broadcasts", new { notification = new { type = "announcement", title = "Maintenance on Saturday" } });

        Assert.Equal(HttpStatusCode.Accepted, toTopic.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, toEveryone.StatusCode);
        Assert.Equal("Build 7 passed", bobsFirst.Title);
        Assert.Equal("Build 7 passed", carolsFirst.Title);
        Assert.Equal("Maintenance on Saturday", (await bobOnB.NextNotificationAsync()).Title);
        Assert.Equal("Maintenance on Saturday", (await carolOnC.NextNotificationAsync()).Title);
        Assert.Equal("Maintenance on Saturday", (await daveOnC.NextNotificationAsync()).Title);
    }

    [Fact]
    public async Task ClientsOfAKilledNodeReconnectToAnotherAndResumeWithNothingLostOrTwice()
    {
        const int total = 60;
        await using var balancer = new TcpForwarder(cluster.B.BaseAddress, cluster.C.BaseAddress);
        var bob = Users.New("bob");
        await using var phone = new ClientRecorder(balancer.BaseAddress, bob, startAfter: 0);
        await using var laptop = new ClientRecorder(balancer.BaseAddress, bob, startAfter: 0);
        await phone.StartAsync();
        await laptop.StartAsync();
        using var alice = ClusterFixture.ClientFor(cluster.A, "alice");
        var sent = new List<Guid>();

        try
        {
            for (var i = 0; i < total; i++)
            {
                sent.AddRange(await ClusterFixture.IdsAsync(await ClusterFixture.SendAsync(alice, bob, 1)));

                if (i == total / 3)
                {
                    await cluster.B.KillAsync();
                }
            }

            foreach (var client in new[] { phone, laptop })
            {
                await client.WaitUntilAsync(c => c.Received.Count >= total, CatchUp);
                Assert.Equal(sent, client.Received.Select(n => n.Id));
                Assert.Equal(Enumerable.Range(1, total).Select(p => (long)p), client.Received.Select(n => n.Position));

                // Caught up after the first connect and again after the move to C.
                Assert.True(client.Resumes >= 2, $"The client resumed {client.Resumes} times.");
            }
        }
        finally
        {
            await cluster.B.StartAsync();
        }
    }

    [Fact]
    public async Task SendsGoOnWhileRedisIsDownAndEveryNotificationArrivesOnceAfterwards()
    {
        var bob = Users.New("bob");
        await using var onB = new ClientRecorder(cluster.B.BaseAddress, bob, startAfter: 0);
        await using var onC = new ClientRecorder(cluster.C.BaseAddress, bob, startAfter: 0);
        await onB.StartAsync();
        await onC.StartAsync();
        using var alice = ClusterFixture.ClientFor(cluster.A, "alice");
        var sent = new List<Guid>();
        var duringOutage = 0;

        // Every send must succeed: IdsAsync fails the test on any answer but 2xx.
        async Task SendForAsync(TimeSpan duration)
        {
            var until = DateTime.UtcNow + duration;

            while (DateTime.UtcNow < until)
            {
                sent.AddRange(await ClusterFixture.IdsAsync(await ClusterFixture.SendAsync(alice, bob, 1)));

                // Paces the sends over the outage; nothing waits on it.
                await Task.Delay(100);
            }
        }

        await SendForAsync(TimeSpan.FromSeconds(1));
        await TestServices.StopRedisAsync();

        try
        {
            var before = sent.Count;
            await SendForAsync(TimeSpan.FromSeconds(5));
            duringOutage = sent.Count - before;
            using var ready = await alice.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
        }
        finally
        {
            await TestServices.StartRedisAsync();
        }

        // No send after the outage: what the nodes' lost subscriptions missed must arrive
        // without a later push showing the clients a gap.
        Assert.True(duringOutage > 10, $"Only {duringOutage} sends fell into the outage.");

        foreach (var client in new[] { onB, onC })
        {
            await client.WaitUntilAsync(c => c.Received.Count >= sent.Count, CatchUp);
            Assert.Equal(sent, client.Received.Select(n => n.Id));
        }
    }

    [Fact]
    public async Task SendsAnswer503WhilePostgresIsDownWriteNothingAndWorkAgainOnceItIsBack()
    {
        var bob = Users.New("bob");
        await using var onB = new ClientRecorder(cluster.B.BaseAddress, bob, startAfter: 0);
        await onB.StartAsync();
        using var alice = ClusterFixture.ClientFor(cluster.A, "alice");
        var sent = await ClusterFixture.IdsAsync(await ClusterFixture.SendAsync(alice, bob, 3));

        await TestServices.StopPostgresAsync();

        try
        {
            using var refused = await ClusterFixture.SendAsync(alice, bob, 2);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            using var ready = await alice.GetAsync("/health/ready");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Contains("nothing was changed", problem.GetProperty("title").GetString());
            Assert.True(refused.Headers.Contains("Retry-After"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            await TestServices.StartPostgresAsync();
        }

        // The nodes find the database again by themselves; the first tries may still meet a
        // pooled connection that the restart broke. The key makes a retried send count once.
        var after = await Eventually.MatchAsync(
            async _ =>
            {
                using var response = await ClusterFixture.SendAsync(alice, bob, 2, key: "after-the-outage");
                return response.IsSuccessStatusCode ? await ClusterFixture.IdsAsync(response) : null;
            },
            ids => ids is not null,
            TimeSpan.FromSeconds(30));
        sent.AddRange(after!);

        await onB.WaitUntilAsync(c => c.Received.Count >= sent.Count, CatchUp);
        Assert.Equal(sent, onB.Received.Select(n => n.Id));
        Assert.Equal(sent.Count, await cluster.Database.ScalarAsync($"SELECT COUNT(*) FROM herald_notifications WHERE recipient = '{bob}'"));
        Assert.Equal(sent.Count, await cluster.Database.ScalarAsync(
            $"SELECT COUNT(*) FROM herald_outbox o JOIN herald_notifications n ON n.id = o.notification_id WHERE n.recipient = '{bob}'"));
        Assert.Equal(sent.Count, await cluster.Database.ScalarAsync($"SELECT last_position FROM herald_streams WHERE recipient = '{bob}'"));

        // Every node serves again, not only the one that took the send. A node's first command
        // after the restart may still meet a dead pooled connection (a 503, then the pool is
        // emptied); the one after it must succeed.
        foreach (var node in cluster.Servers)
        {
            using var asBob = ClusterFixture.ClientFor(node, bob);
            var total = await Eventually.MatchAsync(
                async _ =>
                {
                    using var response = await asBob.GetAsync("/api/notifications/unread-count");
                    return response.IsSuccessStatusCode
                        ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32()
                        : -1;
                },
                n => n >= 0,
                TimeSpan.FromSeconds(30));
            Assert.Equal(sent.Count, total);
        }
    }

    [Fact]
    public async Task ThreeNodesDispatchingOneOutboxDeliverEachNotificationOnce()
    {
        var bob = Users.New("bob");
        await using var onC = await ConnectAsync(cluster.C, bob);
        var delivered = cluster.Servers.Select(DeliveredBy).ToList();

        // Every node takes sends, so every node's dispatcher is woken and claims from the table.
        var sends = Enumerable.Range(0, 30).Select(async i =>
        {
            using var http = ClusterFixture.ClientFor(cluster.Servers[i % 3], "alice");
            return await ClusterFixture.IdsAsync(await ClusterFixture.SendAsync(http, bob, 20));
        });
        var sent = (await Task.WhenAll(sends)).SelectMany(ids => ids).ToList();
        var received = new List<Guid>();

        for (var i = 0; i < sent.Count; i++)
        {
            received.Add((await onC.NextNotificationAsync()).Id);
        }

        using var alice = ClusterFixture.ClientFor(cluster.A, "alice");
        var marker = await ClusterFixture.IdsAsync(await ClusterFixture.SendAsync(alice, bob, 1));
        var next = await onC.NextNotificationAsync();
        var dispatchers = cluster.Servers.Where((server, i) => DeliveredBy(server) > delivered[i]).Count();

        Assert.Equal(sent.Order(), received.Order());
        Assert.Equal(marker.Single(), next.Id);
        Assert.True(dispatchers >= 2, $"Only {dispatchers} node(s) dispatched.");
    }

    [Fact]
    public async Task NodesStartingAtOnceOnANewDatabaseCreateAndMigrateItOnce()
    {
        var database = TestDatabase.NewPostgres();
        var prefix = "herald-test-" + Guid.NewGuid().ToString("N")[..8];
        var nodes = Enumerable.Range(0, 3).Select(_ => new ServerProcess(database)
        {
            CreatesDatabase = false,
            Settings =
            {
                ["Herald__Redis__ConnectionString"] = TestServices.Redis,
                ["Herald__Redis__ChannelPrefix"] = prefix,
            },
        }).ToList();

        try
        {
            await Task.WhenAll(nodes.Select(node => node.StartAsync()));

            var bob = Users.New("bob");
            await using var onLast = await ConnectAsync(nodes[2], bob);
            using var alice = ClusterFixture.ClientFor(nodes[0], "alice");
            var sent = await ClusterFixture.IdsAsync(await ClusterFixture.SendAsync(alice, bob, 1));
            var received = await onLast.NextNotificationAsync();

            Assert.Equal(sent.Single(), received.Id);
            Assert.Equal(
                await database.ScalarAsync("SELECT COUNT(*) FROM \"__EFMigrationsHistory\""),
                typeof(Herald.Storage.HeraldPostgresDbContext).Assembly.GetTypes()
                    .Count(t => t.Namespace == "Herald.Storage.Migrations.Postgres" && t.BaseType?.Name == "Migration"));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task<HubClient> ConnectAsync(ServerProcess node, string user)
    {
        var client = new HubClient(new Uri(node.BaseAddress, "/hubs/notifications"), () => TestTokens.For(user));
        await client.StartAsync();
        return client;
    }

    /// <summary>How many outbox entries a node's dispatcher has reported delivered so far.</summary>
    private static int DeliveredBy(ServerProcess node) =>
        node.Output.Select(line => DispatchedLine().Match(line))
            .Where(m => m.Success)
            .Sum(m => int.Parse(m.Groups[1].Value));

    [GeneratedRegex(@"Dispatched (\d+) outbox entries")]
    private static partial Regex DispatchedLine();
}
