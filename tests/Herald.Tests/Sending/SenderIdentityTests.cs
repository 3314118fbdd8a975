using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Sending;

public sealed class SenderIdentityTests(HeraldAppFactory app) : IClassFixture<HeraldAppFactory>
{
    [Fact]
    public async Task AUserCannotSendInSomeoneElsesName()
    {
        var bob = Users.New("bob");
        using var mallory = app.ClientFor("mallory");

        var response = await mallory.PostAsJsonAsync("/api/notifications", new
        {
            notifications = new[] { new { recipient = bob, sender = "ceo", type = "approval", title = "Wire the money" } },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("notifications[0].sender", out _));
        Assert.Empty(await app.InboxOfAsync(bob));
    }

    [Fact]
    public async Task AUsersSendCarriesThatUsersIdAsSender()
    {
        var bob = Users.New("bob");
        using var alice = app.ClientFor("alice");

        var response = await alice.PostAsJsonAsync("/api/notifications", new
        {
            notifications = new[] { new { recipient = bob, type = "comment", title = "Replied to you" } },
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("alice", Assert.Single(await app.InboxOfAsync(bob)).GetProperty("sender").GetString());
    }

    [Fact]
    public async Task AServiceTokenMaySetTheSender()
    {
        var bob = Users.New("bob");
        using var service = app.ClientFor("ops-service", "notifications.send");

        var response = await service.PostAsJsonAsync("/api/notifications", new
        {
            notifications = new[] { new { recipient = bob, sender = "system", type = "system", title = "Announcement" } },
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("system", Assert.Single(await app.InboxOfAsync(bob)).GetProperty("sender").GetString());
    }

    [Fact]
    public async Task AServiceTokenWithoutASenderSendsAsItself()
    {
        var bob = Users.New("bob");
        using var service = app.ClientFor("ops-service", "notifications.send");

        await service.PostAsJsonAsync("/api/notifications", new
        {
            notifications = new[] { new { recipient = bob, type = "system", title = "Announcement" } },
        });

        Assert.Equal("ops-service", Assert.Single(await app.InboxOfAsync(bob)).GetProperty("sender").GetString());
    }
}
