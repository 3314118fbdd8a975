using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Inbox;
using Herald.Sending;
using Herald.Storage;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Topics;

[Trait("Store", "Any")]
public sealed class TopicTests(HeraldAppFactory app) : IClassFixture<HeraldAppFactory>
{
    [Fact]
    public async Task ATopicSendReachesEverySubscribersInboxAndConnectionsAndNobodyElse()
    {
        var topic = "project:" + Guid.NewGuid().ToString("N")[..8];
        var (bob, carol, dave) = (Users.New("bob"), Users.New("carol"), Users.New("dave"));
        await using var bobsPhone = await app.ConnectAsync(bob);
        await using var bobsLaptop = await app.ConnectAsync(bob);
        await using var davesPhone = await app.ConnectAsync(dave);

        // Bob subscribes himself; a service subscribes carol; dave is connected but not subscribed.
        using var asBob = app.ClientFor(bob);
        using var service = app.ClientFor("projects", "notifications.send");
        using var subscribed = await asBob.PutAsync($"/api/topics/{topic}/subscription", null);
        using var added = await service.PostAsJsonAsync($"/api/topics/{topic}/subscribers", new { users = new[] { carol } });

        var fanOut = await SendToTopicAsync(service, topic, "Build 7 passed");
        var first = await bobsPhone.NextNotificationAsync();
        var second = await bobsLaptop.NextNotificationAsync();
        var count = await bobsPhone.CountMatchingAsync(c => c.Total == 1);
        var carolsInbox = await Eventually.MatchAsync(_ => app.InboxOfAsync(carol), items => items.Count == 1);
        var marker = await app.SendAsync("alice", dave, "Only for dave");
        var davesNext = await davesPhone.NextNotificationAsync();
        var mine = await asBob.GetFromJsonAsync<JsonElement>("/api/topics");

        Assert.Equal(HttpStatusCode.NoContent, subscribed.StatusCode);
        Assert.Equal(1, (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32());
        Assert.NotEqual(Guid.Empty, fanOut);
        Assert.Equal("Build 7 passed", first.Title);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, first.Position);
        Assert.Equal("projects", first.Sender);
        Assert.Equal(1, count.Unseen);
        Assert.Equal("Build 7 passed", carolsInbox.Single().GetProperty("title").GetString());
        Assert.NotEqual(first.Id, carolsInbox.Single().GetProperty("id").GetGuid());
        Assert.Equal(marker, davesNext.Id);
        Assert.Single(await app.InboxOfAsync(dave));
        Assert.Equal([topic], mine.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task AUserWhoUnsubscribedGetsNoLaterSendToTheTopic()
    {
        var topic = "team:" + Guid.NewGuid().ToString("N")[..8];
        var bob = Users.New("bob");
        await using var connection = await app.ConnectAsync(bob);
        using var asBob = app.ClientFor(bob);
        using var service = app.ClientFor("projects", "notifications.send");
        (await asBob.PutAsync($"/api/topics/{topic}/subscription", null)).EnsureSuccessStatusCode();
        await SendToTopicAsync(service, topic, "While subscribed");
        var received = await connection.NextNotificationAsync();

        using var left = await asBob.DeleteAsync($"/api/topics/{topic}/subscription");
        await SendToTopicAsync(service, topic, "After leaving");
        var marker = await app.SendAsync("alice", bob, "Marker");
        var next = await connection.NextNotificationAsync();

        Assert.Equal("While subscribed", received.Title);
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        Assert.Equal(marker, next.Id);
    }

    [Fact]
    public async Task ABroadcastReachesEveryKnownUserWithTheirOwnReadStateButNotAUserFirstSeenAfterIt()
    {
        var (bob, erin, frank) = (Users.New("bob"), Users.New("erin"), Users.New("frank"));
        await using var bobsPhone = await app.ConnectAsync(bob);

        // Erin has never connected; she is known from a notification she received.
        await app.SendAsync("alice", erin, "Welcome");
        using var operators = app.ClientFor("operators", "notifications.broadcast");
        using var response = await operators.PostAsJsonAsync("/api/broadcasts", new
        {
            notification = new { type = "announcement", title = "Maintenance on Saturday" },
        });
        var pushed = await bobsPhone.NextNotificationAsync();
        await Eventually.MatchAsync(
            _ => app.Database.ScalarAsync("SELECT COUNT(*) FROM herald_fanouts WHERE completed_at IS NULL"),
            n => n == 0);

        using var asBob = app.ClientFor(bob);
        (await asBob.PostAsJsonAsync("/api/notifications/read", new { ids = new[] { pushed.Id } })).EnsureSuccessStatusCode();
        var erinsInbox = await app.InboxOfAsync(erin);
        using var asErin = app.ClientFor(erin);
        var erinsCount = await asErin.GetFromJsonAsync<UnreadCount>("/api/notifications/unread-count");

        // Frank connects for the first time after the fan-out ended.
        await using var franksPhone = await app.ConnectAsync(frank);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Maintenance on Saturday", pushed.Title);
        Assert.Equal("operators", pushed.Sender);
        Assert.Equal("Maintenance on Saturday", erinsInbox[0].GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, erinsInbox[0].GetProperty("readAt").ValueKind);
        Assert.Equal(2, erinsCount!.Total);
        Assert.Equal(0, franksPhone.InitialCount!.Total);
        Assert.Empty(await app.InboxOfAsync(frank));
    }

    [Fact]
    public async Task ABroadcastRetriedWithItsKeyIsStoredOnce()
    {
        var bob = Users.New("bob");
        await using var connection = await app.ConnectAsync(bob);
        using var operators = app.ClientFor("operators", "notifications.broadcast");
        var key = "announcement-" + Guid.NewGuid().ToString("N");
        using var first = await BroadcastAsync(operators, key);
        using var again = await BroadcastAsync(operators, key);
        var pushed = await connection.NextNotificationAsync();
        var marker = await app.SendAsync("alice", bob, "Marker");
        var next = await connection.NextNotificationAsync();

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(),
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal("Release 2.0", pushed.Title);
        Assert.Equal(marker, next.Id);
    }

    [Fact]
    public async Task ATopicSendInATransactionThatRollsBackReachesNobody()
    {
        var topic = "rollback:" + Guid.NewGuid().ToString("N")[..8];
        var bob = Users.New("bob");
        await using var connection = await app.ConnectAsync(bob);
        using var asBob = app.ClientFor(bob);
        (await asBob.PutAsync($"/api/topics/{topic}/subscription", null)).EnsureSuccessStatusCode();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<HeraldStore>().Context;
            var sender = scope.ServiceProvider.GetRequiredService<INotificationSender>();
            await using var transaction = await context.Database.BeginTransactionAsync();
            await sender.SendToTopicAsync(topic, new NotificationMessage { Type = "build", Title = "Rolled back" }, SendOptions.None);
            await transaction.RollbackAsync();
        }

        var marker = await app.SendAsync("alice", bob, "After the rollback");
        var next = await connection.NextNotificationAsync();

        Assert.Equal(marker, next.Id);
        Assert.Equal(1, next.Position);
    }

    public static TheoryData<string, string, string, string, HttpStatusCode> BadRequests => new()
    {
        // what, method, path, body, the status; the field named in the answer is checked below
        { "topic", "PUT", "/api/topics/has space/subscription", "", HttpStatusCode.BadRequest },
        { "topic", "PUT", $"/api/topics/{new string('t', 201)}/subscription", "", HttpStatusCode.BadRequest },
        { "topic", "PUT", "/api/topics/-leading/subscription", "", HttpStatusCode.BadRequest },
        { "users", "POST", "/api/topics/ok/subscribers", """{"users":[]}""", HttpStatusCode.BadRequest },
        { "users", "POST", "/api/topics/ok/subscribers", """{"users":[null]}""", HttpStatusCode.BadRequest },
        { "users", "POST", "/api/topics/ok/subscribers", """{}""", HttpStatusCode.BadRequest },
        { "users[0]", "POST", "/api/topics/ok/subscribers", """{"users":["bo\u0000b"]}""", HttpStatusCode.BadRequest },
        { "notification", "POST", "/api/topics/ok/notifications", """{}""", HttpStatusCode.BadRequest },
        { "notification.recipient", "POST", "/api/topics/ok/notifications", """{"notification":{"recipient":"bob","type":"x","title":"t"}}""", HttpStatusCode.BadRequest },
        { "notification.type", "POST", "/api/topics/ok/notifications", """{"notification":{"title":"t"}}""", HttpStatusCode.BadRequest },
        { "topic", "POST", "/api/topics/a%20b/notifications", """{"notification":{"type":"x","title":"t"}}""", HttpStatusCode.BadRequest },
        { "notification.title", "POST", "/api/broadcasts", """{"notification":{"type":"x"}}""", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInputIsRefusedNamingTheFieldAndStoresNothing(string field, string method, string path, string body, HttpStatusCode status)
    {
        using var service = app.ClientFor("projects", "notifications.send", "notifications.broadcast");
        var fanOutsBefore = await app.Database.ScalarAsync("SELECT COUNT(*) FROM herald_fanouts");
        var subscriptionsBefore = await app.Database.ScalarAsync("SELECT COUNT(*) FROM herald_topic_subscriptions");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        if (body.Length > 0)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await service.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {problem}");
        Assert.Equal(fanOutsBefore, await app.Database.ScalarAsync("SELECT COUNT(*) FROM herald_fanouts"));
        Assert.Equal(subscriptionsBefore, await app.Database.ScalarAsync("SELECT COUNT(*) FROM herald_topic_subscriptions"));

        using var fine = await service.PutAsync("/api/topics/still-fine/subscription", null);
        Assert.Equal(HttpStatusCode.NoContent, fine.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/topics/ok/notifications", "")]
    [InlineData("POST", "/api/broadcasts", "notifications.send")]
    [InlineData("POST", "/api/topics/ok/subscribers", "")]
    [InlineData("DELETE", "/api/topics/ok/subscribers/carol", "")]
    public async Task SendingToManyOrSubscribingOthersNeedsItsScope(string method, string path, string scope)
    {
        using var client = scope.Length > 0 ? app.ClientFor("mallory", scope) : app.ClientFor("mallory");
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST"
                ? JsonContent.Create(new { notification = new { type = "x", title = "t" }, users = new[] { "carol" } })
                : null,
        };

        using var response = await client.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("notifications.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task OnlyATokenThatMaySendForOthersSetsTheSenderOfABroadcast()
    {
        using var operators = app.ClientFor("operators", "notifications.broadcast");
        using var spoofed = await operators.PostAsJsonAsync("/api/broadcasts", new
        {
            notification = new { type = "announcement", title = "From the CEO", sender = "ceo" },
        });
        var problem = await spoofed.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, spoofed.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("notification.sender", out _), problem.ToString());
    }

    private static async Task<Guid> SendToTopicAsync(HttpClient service, string topic, string title)
    {
        using var response = await service.PostAsJsonAsync($"/api/topics/{topic}/notifications", new
        {
            notification = new { type = "build", title },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> BroadcastAsync(HttpClient operators, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/broadcasts")
        {
            Content = JsonContent.Create(new { notification = new { type = "announcement", title = "Release 2.0" } }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return operators.SendAsync(request);
    }
}
