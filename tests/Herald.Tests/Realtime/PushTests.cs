using System.Net.Http.Json;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Realtime;

[Trait("Store", "Any")]
public sealed class PushTests(HeraldAppFactory app) : IClassFixture<HeraldAppFactory>
{
    [Fact]
    public async Task EveryConnectionOfTheRecipientGetsTheNotificationAndNoOtherUserDoes()
    {
        var bob = Users.New("bob");
        var carol = Users.New("carol");
        await using var bobTab = await app.ConnectAsync(bob);
        await using var bobPhone = await app.ConnectAsync(bob);
        await using var carolTab = await app.ConnectAsync(carol);

        var id = await app.SendAsync("alice", bob, "Request 42 awaits your review", "approval");
        var onTab = await bobTab.NextNotificationAsync();
        var onPhone = await bobPhone.NextNotificationAsync();

        // Carol's first notification must be the one sent to her after bob's, not bob's.
        var marker = await app.SendAsync("alice", carol, "For carol");
        var onCarol = await carolTab.NextNotificationAsync();

        Assert.Equal(id, onTab.Id);
        Assert.Equal(id, onPhone.Id);
        Assert.Equal("Request 42 awaits your review", onTab.Title);
        Assert.Equal(bob, onTab.Recipient);
        Assert.Equal("alice", onTab.Sender);
        Assert.Equal(marker, onCarol.Id);
        Assert.False(bobTab.HasUnseenNotification);
    }

    [Fact]
    public async Task ANotificationArrivesOnAnOpenConnectionWithoutTheClientAsking()
    {
        var bob = Users.New("bob");
        await using var connection = await app.ConnectAsync(bob);

        using var service = app.ClientFor("billing", "notifications.send");
        var response = await service.PostAsJsonAsync("/api/notifications", new
        {
            notifications = new[]
            {
                new { recipient = bob, sender = "system", type = "system", title = "Maintenance tonight", link = "https://status.example.com/42", data = new { window = "22:00-23:00" } },
            },
        });
        var received = await connection.NextNotificationAsync();

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("system", received.Sender);
        Assert.Equal("https://status.example.com/42", received.Link);
        Assert.Equal("{\"window\":\"22:00-23:00\"}", received.Data);
        Assert.Null(received.ReadAt);
    }

    [Fact]
    public async Task AConnectionGetsTheCurrentCountOnConnectAndANewCountAfterEachSend()
    {
        var bob = Users.New("bob");
        await app.SendAsync("alice", bob, "Before connecting", "approval");
        await using var connection = await app.ConnectAsync(bob);

        await app.SendAsync("alice", bob, "While connected", "comment");
        var after = await connection.CountMatchingAsync(c => c.Total == 2);

        Assert.Equal(1, connection.InitialCount!.Total);
        Assert.Equal(1, connection.InitialCount.ByType["approval"]);
        Assert.Equal(1, after.ByType["approval"]);
        Assert.Equal(1, after.ByType["comment"]);
        Assert.True(after.Version > connection.InitialCount.Version);
    }

    [Fact]
    public async Task NotificationsOfOneBatchArriveInPositionOrder()
    {
        var bob = Users.New("bob");
        await using var connection = await app.ConnectAsync(bob);
        using var alice = app.ClientFor("alice");

        var response = await alice.PostAsJsonAsync("/api/notifications", new
        {
            notifications = Enumerable.Range(1, 20).Select(i => new { recipient = bob, type = "comment", title = $"Reply {i}" }),
        });
        response.EnsureSuccessStatusCode();
        var received = new List<long>();

        for (var i = 0; i < 20; i++)
        {
            received.Add((await connection.NextNotificationAsync()).Position);
        }

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), received);
    }
}
