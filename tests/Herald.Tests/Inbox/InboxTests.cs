using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Inbox;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Inbox;

[Trait("Store", "Any")]
public sealed class InboxTests(HeraldAppFactory app) : IClassFixture<HeraldAppFactory>
{
    [Fact]
    public async Task KeysetPagesReturnEveryNotificationOnceWhileNewOnesArrive()
    {
        var bob = Users.New("bob");
        var sent = new List<Guid>();

        for (var i = 0; i < 23; i++)
        {
            sent.Add(await app.SendAsync("alice", bob, $"Old {i}"));
        }

        using var client = app.ClientFor(bob);
        var seen = new List<Guid>();
        string? cursor = null;

        do
        {
            var page = await client.GetFromJsonAsync<Page>($"/api/notifications?limit=5{(cursor is null ? "" : $"&before={cursor}")}");
            seen.AddRange(page!.Items.Select(n => n.Id));
            cursor = page.NextCursor;

            // A newcomer lands at the top, before the first page: it must not shift later pages.
            await app.SendAsync("alice", bob, "Newcomer");
        }
        while (cursor is not null);

        Assert.Equal(sent.AsEnumerable().Reverse(), seen);
    }

    [Fact]
    public async Task PollingAfterThePositionLastSeenMissesNothingAndRepeatsNothing()
    {
        var bob = Users.New("bob");
        using var client = app.ClientFor(bob);
        var first = await app.SendManyAsync("alice", bob, 3);

        var caughtUp = await client.GetFromJsonAsync<Page>("/api/notifications?after=0");
        var later = await app.SendManyAsync("alice", bob, 2);
        var next = await client.GetFromJsonAsync<Page>($"/api/notifications?after={caughtUp!.Items[^1].Position}");
        var limited = await client.GetFromJsonAsync<Page>("/api/notifications?after=1&limit=2");

        Assert.Equal(first, caughtUp.Items.Select(n => n.Id));
        Assert.Null(caughtUp.NextCursor);
        Assert.Equal(later, next!.Items.Select(n => n.Id));
        Assert.Equal([2L, 3L], limited!.Items.Select(n => n.Position));
        Assert.Equal("3", limited.NextCursor);
    }

    [Fact]
    public async Task PollingAfterAPositionIncludesArchivedOnesSoThePositionsHaveNoHoles()
    {
        var bob = Users.New("bob");
        using var client = app.ClientFor(bob);
        var ids = await app.SendManyAsync("alice", bob, 3);
        await client.PostAsJsonAsync("/api/notifications/archive", new { ids = new[] { ids[1] } });

        var whole = await client.GetFromJsonAsync<Page>("/api/notifications?after=0");
        var inboxOnly = await client.GetFromJsonAsync<Page>("/api/notifications?after=0&archived=false");

        Assert.Equal([1L, 2L, 3L], whole!.Items.Select(n => n.Position));
        Assert.Equal([1L, 3L], inboxOnly!.Items.Select(n => n.Position));
    }

    [Fact]
    public async Task TheLastPageHasNoCursor()
    {
        var bob = Users.New("bob");
        await app.SendAsync("alice", bob, "One");
        await app.SendAsync("alice", bob, "Two");
        using var client = app.ClientFor(bob);

        var page = await client.GetFromJsonAsync<Page>("/api/notifications?limit=2");

        Assert.Equal(2, page!.Items.Count);
        Assert.Null(page.NextCursor);
        Assert.Equal(["Two", "One"], page.Items.Select(n => n.Title));
    }

    [Fact]
    public async Task FiltersByUnreadAndByType()
    {
        var bob = Users.New("bob");
        var approval = await app.SendAsync("alice", bob, "Approve", "approval");
        await app.SendAsync("alice", bob, "Comment", "comment");
        var readApproval = await app.SendAsync("alice", bob, "Approve too", "approval");
        using var client = app.ClientFor(bob);
        await client.PostAsJsonAsync("/api/notifications/read", new { ids = new[] { readApproval } });

        var unreadApprovals = await client.GetFromJsonAsync<Page>("/api/notifications?unread=true&type=approval");
        var approvals = await client.GetFromJsonAsync<Page>("/api/notifications?type=approval");
        var unread = await client.GetFromJsonAsync<Page>("/api/notifications?unread=true");

        Assert.Equal([approval], unreadApprovals!.Items.Select(n => n.Id));
        Assert.Equal([readApproval, approval], approvals!.Items.Select(n => n.Id));
        Assert.Equal(2, unread!.Items.Count);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=%2B5", "limit")]
    [InlineData("limit=%205", "limit")]
    [InlineData("unread=1", "unread")]
    [InlineData("type=comment%0A", "type")]
    [InlineData("unread=maybe", "unread")]
    [InlineData("type=NOT%20A%20TYPE", "type")]
    [InlineData("before=-3", "before")]
    [InlineData("before=abc", "before")]
    [InlineData("after=-1", "after")]
    [InlineData("after=x", "after")]
    [InlineData("after=%2B1", "after")]
    [InlineData("after=1&before=5", "after")]
    [InlineData("archived=maybe", "archived")]
    [InlineData("archived=1", "archived")]
    [InlineData("archived=TRUE", "archived")]
    public async Task BadQueryParametersGetAProblemNamingThem(string query, string field)
    {
        using var client = app.ClientFor(Users.New("bob"));

        var response = await client.GetAsync($"/api/notifications?{query}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task MarkingReadAndUnreadMovesTheCountAndTellsTheUsersOtherConnection()
    {
        var bob = Users.New("bob");
        var first = await app.SendAsync("alice", bob, "First", "approval");
        await app.SendAsync("alice", bob, "Second", "approval");
        await using var otherTab = await app.ConnectAsync(bob);
        using var client = app.ClientFor(bob);

        var read = await client.PostAsJsonAsync("/api/notifications/read", new { ids = new[] { first } });
        var change = await otherTab.NextStateChangeAsync();

        // Counts pushed for the two sends may still reach the tab after it connected: wait for
        // the count that reflects each change, not merely the next one.
        var afterRead = await otherTab.CountMatchingAsync(c => c.Total == 1);
        var unread = await client.PostAsJsonAsync("/api/notifications/unread", new { ids = new[] { first } });
        var afterUnread = await otherTab.CountMatchingAsync(c => c.Total == 2 && c.Version > afterRead.Version);
        var page = await client.GetFromJsonAsync<Page>("/api/notifications");

        Assert.Equal(1, (await read.Content.ReadFromJsonAsync<Change>())!.Updated);
        Assert.Equal(1, (await unread.Content.ReadFromJsonAsync<Change>())!.Updated);
        Assert.Equal(InboxState.Read, change.State);
        Assert.Equal([first], change.Ids);
        Assert.Equal(2, otherTab.InitialCount!.Total);
        Assert.Equal(1, afterRead.Total);
        Assert.Equal(2, afterUnread.Total);
        Assert.True(afterUnread.Version > afterRead.Version);
        Assert.All(page!.Items, n => Assert.Null(n.ReadAt));
    }

    [Fact]
    public async Task ReadAllOfOneTypeLeavesOtherTypesUnread()
    {
        var bob = Users.New("bob");
        await app.SendAsync("alice", bob, "A1", "approval");
        await app.SendAsync("alice", bob, "A2", "approval");
        await app.SendAsync("alice", bob, "C1", "comment");
        await using var otherTab = await app.ConnectAsync(bob);
        using var client = app.ClientFor(bob);

        var response = await client.PostAsJsonAsync("/api/notifications/read", new { all = true, type = "approval" });
        var change = await otherTab.NextStateChangeAsync();
        var count = await otherTab.CountMatchingAsync(c => c.Total == 1);

        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<Change>())!.Updated);
        Assert.True(change.All);
        Assert.Equal("approval", change.Type);
        Assert.Equal(1, count.Total);
        Assert.False(count.ByType.ContainsKey("approval"));
        Assert.Equal(1, count.ByType["comment"]);
    }

    [Fact]
    public async Task ReadAllMarksEverything()
    {
        var bob = Users.New("bob");
        await app.SendAsync("alice", bob, "A1", "approval");
        await app.SendAsync("alice", bob, "C1", "comment");
        using var client = app.ClientFor(bob);

        await client.PostAsJsonAsync("/api/notifications/read", new { all = true });
        var count = await client.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count");

        Assert.Equal(0, count.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AnotherUsersNotificationsCannotBeSeenOrMarked()
    {
        var bob = Users.New("bob");
        var mallory = Users.New("mallory");
        var bobs = await app.SendAsync("alice", bob, "For bob only");
        using var malloryClient = app.ClientFor(mallory);
        using var bobClient = app.ClientFor(bob);

        var listing = await malloryClient.GetFromJsonAsync<Page>("/api/notifications");
        var read = await malloryClient.PostAsJsonAsync("/api/notifications/read", new { ids = new[] { bobs } });
        var readMissing = await malloryClient.PostAsJsonAsync("/api/notifications/read", new { ids = new[] { Guid.NewGuid() } });
        var readAll = await malloryClient.PostAsJsonAsync("/api/notifications/read", new { all = true });
        var bobsPage = await bobClient.GetFromJsonAsync<Page>("/api/notifications");

        Assert.Empty(listing!.Items);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(await readMissing.Content.ReadAsStringAsync(), await read.Content.ReadAsStringAsync());
        Assert.Equal(0, (await readAll.Content.ReadFromJsonAsync<Change>())!.Updated);
        Assert.Null(Assert.Single(bobsPage!.Items).ReadAt);
    }

    [Theory]
    [InlineData("/api/notifications/read", """{}""", "ids")]
    [InlineData("/api/notifications/read", """{"ids":[]}""", "ids")]
    [InlineData("/api/notifications/read", """{"ids":["not-a-guid"]}""", "ids[0]")]
    [InlineData("/api/notifications/read", """{"ids":["0195f0c1-0000-7000-8000-000000000000"],"all":true}""", "ids")]
    [InlineData("/api/notifications/read", """{"all":true,"type":"Bad Type"}""", "type")]
    [InlineData("/api/notifications/read", """{"ids":["0195f0c1-0000-7000-8000-000000000000"],"type":"comment"}""", "type")]
    [InlineData("/api/notifications/unread", """{"all":true}""", "ids")]
    [InlineData("/api/notifications/unread", """{"ids":""", "ids")]
    public async Task BadReadStateRequestsGetAProblemNamingTheField(string path, string body, string field)
    {
        using var client = app.ClientFor(Users.New("bob"));

        var response = await client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), p => p.Name == field || p.Name.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MoreThanAThousandIdsAreRefused()
    {
        using var client = app.ClientFor(Users.New("bob"));

        var response = await client.PostAsJsonAsync("/api/notifications/read", new { ids = Enumerable.Range(0, 1001).Select(_ => Guid.NewGuid()) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private sealed record Page(List<Item> Items, string? NextCursor);

    private sealed record Item(Guid Id, long Position, string? Title, DateTime? ReadAt);

    private sealed record Change(int Updated);
}
