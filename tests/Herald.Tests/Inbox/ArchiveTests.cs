using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Herald.Inbox;
using Microsoft.AspNetCore.SignalR.Client;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Inbox;

[Trait("Store", "Any")]
public sealed class ArchiveTests(HeraldAppFactory app) : IClassFixture<HeraldAppFactory>
{
    [Fact]
    public async Task AnArchivedNotificationLeavesTheListAndTheCountsUntilItIsRestored()
    {
        var bob = Users.New("bob");
        var approval = await app.SendAsync("alice", bob, "Approve", "approval");
        var comment = await app.SendAsync("alice", bob, "Comment", "comment");
        await using var otherTab = await app.ConnectAsync(bob);
        using var client = app.ClientFor(bob);
        var before = await CountAsync(client);

        var archive = await client.PostAsJsonAsync("/api/notifications/archive", new { ids = new[] { approval } });
        var archived = await otherTab.NextStateChangeAsync();
        var afterArchive = await otherTab.CountMatchingAsync(c => c.Version > before.Version);
        var inbox = await PageAsync(client, "");
        var explicitInbox = await PageAsync(client, "?archived=false");
        var archivedList = await PageAsync(client, "?archived=true");
        var again = await client.PostAsJsonAsync("/api/notifications/archive", new { ids = new[] { approval } });

        var both = new[] { approval, comment };
        var unarchive = await client.PostAsJsonAsync("/api/notifications/unarchive", new { ids = both });
        var restored = await otherTab.NextStateChangeAsync();
        var afterRestore = await otherTab.CountMatchingAsync(c => c.Version > afterArchive.Version);
        var inboxAgain = await PageAsync(client, "");
        var archivedAgain = await PageAsync(client, "?archived=true");

        Assert.Equal(1, await UpdatedAsync(archive));
        Assert.Equal(InboxState.Archived, archived.State);
        Assert.Equal([approval], archived.Ids);
        Assert.False(archived.All);
        Assert.NotNull(archived.At);
        Assert.Equal((2, 2), (before.Total, before.Unseen));
        Assert.Equal((1, 1), (afterArchive.Total, afterArchive.Unseen));
        Assert.False(afterArchive.ByType.ContainsKey("approval"));
        Assert.Equal([comment], inbox.Items.Select(n => n.Id));
        Assert.Equal([comment], explicitInbox.Items.Select(n => n.Id));
        var listed = Assert.Single(archivedList.Items);
        Assert.Equal(approval, listed.Id);
        Assert.Equal(archived.At, listed.ArchivedAt);
        Assert.Null(listed.ReadAt);
        Assert.Equal(0, await UpdatedAsync(again));

        Assert.Equal(1, await UpdatedAsync(unarchive));
        Assert.Equal(InboxState.Unarchived, restored.State);
        Assert.Equal([approval], restored.Ids);
        Assert.Null(restored.At);
        Assert.Equal((2, 2, 1), (afterRestore.Total, afterRestore.Unseen, afterRestore.ByType["approval"]));
        Assert.Equal([comment, approval], inboxAgain.Items.Select(n => n.Id));
        Assert.All(inboxAgain.Items, n => Assert.Null(n.ArchivedAt));
        Assert.Empty(archivedAgain.Items);
    }

    [Fact]
    public async Task ArchiveAllOfOneTypeThenEverythingEmptiesTheInbox()
    {
        var bob = Users.New("bob");
        await app.SendAsync("alice", bob, "A1", "approval");
        await app.SendAsync("alice", bob, "A2", "approval");
        var comment = await app.SendAsync("alice", bob, "C1", "comment");
        await using var otherTab = await app.ConnectAsync(bob);
        using var client = app.ClientFor(bob);

        var approvals = await client.PostAsJsonAsync("/api/notifications/archive", new { all = true, type = "approval" });
        var byType = await otherTab.NextStateChangeAsync();
        var afterType = await PageAsync(client, "");
        var countAfterType = await CountAsync(client);
        var rest = await client.PostAsJsonAsync("/api/notifications/archive", new { all = true });
        var everything = await otherTab.NextStateChangeAsync();
        var afterAll = await PageAsync(client, "");
        var archived = await PageAsync(client, "?archived=true&type=approval");
        var countAfterAll = await CountAsync(client);

        Assert.Equal(2, await UpdatedAsync(approvals));
        Assert.Equal(InboxState.Archived, byType.State);
        Assert.True(byType.All);
        Assert.Equal("approval", byType.Type);
        Assert.Equal(3, byType.Through);
        Assert.Equal([comment], afterType.Items.Select(n => n.Id));
        Assert.Equal(1, countAfterType.Total);
        Assert.Equal(["comment"], countAfterType.ByType.Keys);
        Assert.Equal(1, await UpdatedAsync(rest));
        Assert.True(everything.All);
        Assert.Null(everything.Type);
        Assert.Equal(3, everything.Through);
        Assert.Empty(afterAll.Items);
        Assert.Equal(["A2", "A1"], archived.Items.Select(n => n.Title));
        Assert.Equal((0, 0), (countAfterAll.Total, countAfterAll.Unseen));
        Assert.Empty(countAfterAll.ByType);
        Assert.True(countAfterAll.Version > countAfterType.Version);
    }

    [Fact]
    public async Task AnArchivedNotificationKeepsItsReadStateAndCountsAsUnreadOnceRestored()
    {
        var bob = Users.New("bob");
        var unread = await app.SendAsync("alice", bob, "Still unread");
        var read = await app.SendAsync("alice", bob, "Read before archiving");
        using var client = app.ClientFor(bob);
        await client.PostAsJsonAsync("/api/notifications/read", new { ids = new[] { read } });

        await client.PostAsJsonAsync("/api/notifications/archive", new { all = true });
        var archivedUnread = await PageAsync(client, "?archived=true&unread=true");
        var inboxUnread = await PageAsync(client, "?unread=true");
        var whileArchived = await CountAsync(client);
        var readAll = await client.PostAsJsonAsync("/api/notifications/read", new { all = true });
        var unreadAgain = await client.PostAsJsonAsync("/api/notifications/unread", new { ids = new[] { unread } });
        var stillArchived = await PageAsync(client, "?archived=true");
        await client.PostAsJsonAsync("/api/notifications/unarchive", new { ids = new[] { unread, read } });
        var restored = await CountAsync(client);
        var inbox = await PageAsync(client, "");

        Assert.Equal([unread], archivedUnread.Items.Select(n => n.Id));
        Assert.Empty(inboxUnread.Items);
        Assert.Equal((0, 0), (whileArchived.Total, whileArchived.Unseen));
        Assert.Equal(1, await UpdatedAsync(readAll));
        Assert.Equal(1, await UpdatedAsync(unreadAgain));
        Assert.Equal(2, stillArchived.Items.Count);
        // Both were read once (reading sees them), so neither counts as new again.
        Assert.Equal((1, 0), (restored.Total, restored.Unseen));
        Assert.Null(inbox.Items.Single(n => n.Id == unread).ReadAt);
        Assert.NotNull(inbox.Items.Single(n => n.Id == read).ReadAt);
    }

    [Fact]
    public async Task AnotherUsersNotificationsCannotBeArchivedOrRestored()
    {
        var bob = Users.New("bob");
        var mallory = Users.New("mallory");
        var bobs = await app.SendAsync("alice", bob, "For bob only");
        using var malloryClient = app.ClientFor(mallory);
        using var bobClient = app.ClientFor(bob);
        await bobClient.PostAsJsonAsync("/api/notifications/archive", new { ids = new[] { bobs } });
        var before = await CountAsync(bobClient);

        var unarchive = await malloryClient.PostAsJsonAsync("/api/notifications/unarchive", new { ids = new[] { bobs } });
        var archive = await malloryClient.PostAsJsonAsync("/api/notifications/archive", new { ids = new[] { bobs } });
        var archiveAll = await malloryClient.PostAsJsonAsync("/api/notifications/archive", new { all = true });
        var malloryArchived = await PageAsync(malloryClient, "?archived=true");
        var bobsArchived = await PageAsync(bobClient, "?archived=true");
        var after = await CountAsync(bobClient);

        Assert.Equal(0, await UpdatedAsync(unarchive));
        Assert.Equal(0, await UpdatedAsync(archive));
        Assert.Equal(0, await UpdatedAsync(archiveAll));
        Assert.Empty(malloryArchived.Items);
        Assert.Equal([bobs], bobsArchived.Items.Select(n => n.Id));
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task AResumingClientIsReplayedArchivedNotificationsSoItsStreamHasNoGap()
    {
        var bob = Users.New("bob");
        var ids = await app.SendManyAsync("alice", bob, 3);
        using var client = app.ClientFor(bob);
        await client.PostAsJsonAsync("/api/notifications/archive", new { ids = new[] { ids[1] } });
        var archived = await CountAsync(client);

        await using var recorder = await app.StartClientAsync(bob, startAfter: 0);
        await recorder.WaitUntilAsync(r => r.Received.Count == 3);
        await client.PostAsJsonAsync("/api/notifications/unarchive", new { ids = new[] { ids[1] } });
        await recorder.WaitUntilAsync(r => r.StateChanges.Count > 0 && r.Counts.Any(c => c.Version > archived.Version));

        Assert.Equal(ids, recorder.Received.Select(n => n.Id));
        Assert.NotNull(recorder.Received[1].ArchivedAt);
        Assert.Null(recorder.Received[0].ArchivedAt);
        var change = Assert.Single(recorder.StateChanges);
        Assert.Equal(Herald.Client.InboxStates.Unarchived, change.State);
        Assert.Equal([ids[1]], change.Ids);
        Assert.Equal((3, 3), (recorder.Counts[^1].Total, recorder.Counts[^1].Unseen));
    }

    [Fact]
    public async Task TheChangeAndCountMessagesHaveTheDocumentedShape()
    {
        var bob = Users.New("bob");
        var id = await app.SendAsync("alice", bob, "Archive me");
        var change = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The raw JSON, as a JavaScript client sees it, rather than the server's own types.
        await using var tab = new HubConnectionBuilder()
            .WithUrl(
                new Uri(app.BaseAddress, "/hubs/notifications"),
                o => o.AccessTokenProvider = () => Task.FromResult<string?>(TestTokens.For(bob)))
            .Build();
        tab.On<JsonElement>("stateChanged", c => change.TrySetResult(c));
        tab.On<JsonElement>("unreadCount", c =>
        {
            if (c.GetProperty("total").GetInt32() == 0)
            {
                count.TrySetResult(c);
            }
        });
        await tab.StartAsync().WaitAsync(HubClient.Timeout);
        using var client = app.ClientFor(bob);

        await client.PostAsJsonAsync("/api/notifications/archive", new { ids = new[] { id } });
        var message = await change.Task.WaitAsync(HubClient.Timeout);
        var counts = await count.Task.WaitAsync(HubClient.Timeout);

        Assert.Equal(["state", "ids", "all", "type", "through", "at"], message.EnumerateObject().Select(p => p.Name));
        Assert.Equal("archived", message.GetProperty("state").GetString());
        Assert.Equal(id, message.GetProperty("ids")[0].GetGuid());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("through").ValueKind);
        Assert.Equal(JsonValueKind.String, message.GetProperty("at").ValueKind);
        Assert.Equal(["total", "unseen", "byType", "version"], counts.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task ListedNotificationsCarryTheirSeenAndArchivedTimes()
    {
        var bob = Users.New("bob");
        await app.SendAsync("alice", bob, "Fresh");
        using var client = app.ClientFor(bob);

        var page = await client.GetFromJsonAsync<JsonElement>("/api/notifications");
        var item = page.GetProperty("items")[0];

        Assert.Equal(JsonValueKind.Null, item.GetProperty("seenAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("archivedAt").ValueKind);
    }

    [Theory]
    [InlineData("/api/notifications/archive", """{}""", "ids")]
    [InlineData("/api/notifications/archive", """{"ids":[]}""", "ids")]
    [InlineData("/api/notifications/archive", """{"ids":null,"all":false}""", "ids")]
    [InlineData("/api/notifications/archive", """{"ids":["not-a-guid"]}""", "ids[0]")]
    [InlineData("/api/notifications/archive", """{"ids":"RECIPIENT_ID","all":true}""", "ids")]
    [InlineData("/api/notifications/archive", """{"all":true,"type":"Bad Type"}""", "type")]
    [InlineData("/api/notifications/archive", """{"ids":"RECIPIENT_ID","type":"comment"}""", "type")]
    [InlineData("/api/notifications/unarchive", """{"all":true}""", "ids")]
    [InlineData("/api/notifications/unarchive", """{"ids":[]}""", "ids")]
    [InlineData("/api/notifications/unarchive", """{"ids":""", "ids")]
    public async Task BadArchiveRequestsGetAProblemNamingTheFieldAndChangeNothing(string path, string body, string field)
    {
        var bob = Users.New("bob");
        var id = await app.SendAsync("alice", bob, "Stays where it is");
        using var client = app.ClientFor(bob);
        var before = await CountAsync(client);

        var json = body.Replace("\"RECIPIENT_ID\"", $"[\"{id}\"]", StringComparison.Ordinal);
        var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var after = await CountAsync(client);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal((before.Version, 1), (after.Version, after.Total));
        Assert.Equal([id], (await PageAsync(client, "")).Items.Select(n => n.Id));
    }

    [Theory]
    [InlineData("/api/notifications/archive")]
    [InlineData("/api/notifications/unarchive")]
    public async Task MoreThanAThousandIdsAreRefusedAndNoneChanges(string path)
    {
        var bob = Users.New("bob");
        var id = await app.SendAsync("alice", bob, "Among too many");
        using var client = app.ClientFor(bob);
        var before = await CountAsync(client);
        var ids = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).Append(id);

        var response = await client.PostAsJsonAsync(path, new { ids });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var after = await CountAsync(client);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("ids", out _));
        Assert.Equal(before.Version, after.Version);
        Assert.Equal([id], (await PageAsync(client, "")).Items.Select(n => n.Id));
    }

    private static async Task<Page> PageAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<Page>($"/api/notifications{query}"))!;

    private static async Task<UnreadCount> CountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<UnreadCount>("/api/notifications/unread-count"))!;

    private static async Task<int> UpdatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Change>())!.Updated;
    }

    private sealed record Page(List<Item> Items, string? NextCursor);

    private sealed record Item(Guid Id, string? Title, DateTime? ReadAt, DateTime? ArchivedAt);

    private sealed record Change(int Updated);
}
