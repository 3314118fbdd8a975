using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Herald.Tests.Sending;

public sealed class StoreBusyTests
{
    [Fact]
    public async Task ASendThatCannotGetTheDatabaseLockIsA503WithRetryAfterAndStoresNothing()
    {
        await using var app = new HeraldAppFactory();
        app.Settings["Herald:Storage:ConnectionString"] = $"Data Source={app.DatabasePath};Default Timeout=1";
        var bob = Users.New("bob");
        await app.SendAsync("alice", bob, "Before the lock");
        using var alice = app.ClientFor("alice");

        HttpResponseMessage refused;

        // Another process holds the file's write lock for longer than a send may wait.
        await using (var other = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
        {
            await other.OpenAsync();
            await using var hold = other.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            refused = await alice.PostAsJsonAsync("/api/notifications", new
            {
                notifications = new[] { new { recipient = bob, type = "comment", title = "During the lock" } },
            });
        }

        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var after = await app.SendAsync("alice", bob, "After the lock");
        var inbox = await app.InboxOfAsync(bob);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal(["After the lock", "Before the lock"], inbox.Select(n => n.GetProperty("title").GetString()));
        Assert.Equal(after, inbox[0].GetProperty("id").GetGuid());
        Assert.Equal(2, inbox[0].GetProperty("position").GetInt64());
        refused.Dispose();
    }
}
