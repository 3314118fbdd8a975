using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Sending;

[Trait("Store", "Any")]
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

    [Theory]
    [InlineData("a user without a sender", "alice", null, null, "alice")]
    [InlineData("a user naming itself", "alice", null, "alice", "alice")]
    [InlineData("a service naming a sender", "ops-service", "notifications.send", "system", "system")]
    [InlineData("a service without a sender", "ops-service", "notifications.send", null, "ops-service")]
    public async Task TheStoredSenderFollowsWhoSent(string who, string caller, string? scope, string? sender, string stored)
    {
        var bob = Users.New("bob");
        using var client = scope is null ? app.ClientFor(caller) : app.ClientFor(caller, scope);

        var response = await client.PostAsJsonAsync("/api/notifications", new
        {
            notifications = new[] { new { recipient = bob, sender, type = "comment", title = "Hello" } },
        });

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, who);
        Assert.Equal(stored, Assert.Single(await app.InboxOfAsync(bob)).GetProperty("sender").GetString());
    }
}
