using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Herald.Inbox;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Inbox;

[Trait("Store", "Any")]
public sealed class SeenTests(HeraldAppFactory app) : IClassFixture<HeraldAppFactory>
{
    [Fact]
    public async Task SeenThroughAPositionLeavesANewerOneUnseenAndTellsTheUsersOtherConnection()
    {
        var bob = Users.New("bob");
        var shown = await app.SendManyAsync("alice", bob, 3);
        using var client = app.ClientFor(bob);
        var page = await client.GetFromJsonAsync<Page>("/api/notifications");
        var newer = await app.SendAsync("alice", bob, "Arrived while the bell was open");
        await using var otherTab = await app.ConnectAsync(bob);
        var before = await client.GetFromJsonAsync<UnreadCount>("/api/notifications/unread-count");

        var response = await client.PostAsJsonAsync("/api/notifications/seen", new { through = page!.Items[0].Position });
        var change = await otherTab.NextStateChangeAsync();
        var pushed = await otherTab.CountMatchingAsync(c => c.Version > before!.Version);
        var after = await client.GetFromJsonAsync<Page>("/api/notifications");
        var count = await client.GetFromJsonAsync<UnreadCount>("/api/notifications/unread-count");

        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<Change>())!.Updated);
        Assert.Equal(4, before!.Unseen);
        Assert.Equal(InboxState.Seen, change.State);
        Assert.True(change.All);
        Assert.Empty(change.Ids);
        Assert.Equal(3, change.Through);
        Assert.NotNull(change.At);
        Assert.Equal(1, pushed.Unseen);
        Assert.Equal(4, pushed.Total);
        Assert.Equal((1, 4, pushed.Version), (count!.Unseen, count.Total, count.Version));
        Assert.All(after!.Items.Where(n => shown.Contains(n.Id)), n => Assert.Equal(change.At, n.SeenAt));
        Assert.Null(after.Items.Single(n => n.Id == newer).SeenAt);
        Assert.All(after.Items, n => Assert.Null(n.ReadAt));
    }

    [Fact]
    public async Task SeenAllMarksEveryUnseenOneOnceAndSaysHowFarItReached()
    {
        var bob = Users.New("bob");
        await app.SendAsync("alice", bob, "A1", "approval");
        await app.SendAsync("alice", bob, "C1", "comment");
        await using var otherTab = await app.ConnectAsync(bob);
        using var client = app.ClientFor(bob);
        var before = await client.GetFromJsonAsync<UnreadCount>("/api/notifications/unread-count");

        var first = await client.PostAsJsonAsync("/api/notifications/seen", new { all = true });
        var change = await otherTab.NextStateChangeAsync();
        var again = await client.PostAsJsonAsync("/api/notifications/seen", new { all = true });
        var count = await client.GetFromJsonAsync<UnreadCount>("/api/notifications/unread-count");

        Assert.Equal(2, (await first.Content.ReadFromJsonAsync<Change>())!.Updated);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<Change>())!.Updated);
        Assert.Equal(InboxState.Seen, change.State);
        Assert.True(change.All);
        Assert.Equal(2, change.Through);
        Assert.Equal(0, count!.Unseen);
        Assert.Equal(2, count.Total);
        Assert.Equal(before!.Version + 1, count.Version);
    }

    [Fact]
    public async Task SeenByAnotherUserChangesNothingOfTheirs()
    {
        var bob = Users.New("bob");
        var mallory = Users.New("mallory");
        await app.SendManyAsync("alice", bob, 2);
        await app.SendAsync("alice", mallory, "For mallory");
        await using var bobTab = await app.ConnectAsync(bob);
        using var malloryClient = app.ClientFor(mallory);
        using var bobClient = app.ClientFor(bob);
        var bobsBefore = await bobClient.GetFromJsonAsync<UnreadCount>("/api/notifications/unread-count");

        var through = await malloryClient.PostAsJsonAsync("/api/notifications/seen", new { through = 1000 });
        var all = await malloryClient.PostAsJsonAsync("/api/notifications/seen", new { all = true });
        var bobsCount = await bobClient.GetFromJsonAsync<UnreadCount>("/api/notifications/unread-count");
        var bobsPage = await bobClient.GetFromJsonAsync<Page>("/api/notifications");

        // Mallory's calls ended before this one began, so a push of theirs would come first;
        // theirs would say through 1, the head of mallory's stream, and bob's says 2.
        await bobClient.PostAsJsonAsync("/api/notifications/seen", new { all = true });
        var firstChange = await bobTab.NextStateChangeAsync();

        Assert.Equal(1, (await through.Content.ReadFromJsonAsync<Change>())!.Updated);
        Assert.Equal(0, (await all.Content.ReadFromJsonAsync<Change>())!.Updated);
        Assert.Equal(2, bobsCount!.Unseen);
        Assert.Equal(bobsBefore!.Version, bobsCount.Version);
        Assert.All(bobsPage!.Items, n => Assert.Null(n.SeenAt));
        Assert.Equal(2, firstChange.Through);
    }

    [Theory]
    [InlineData("""{}""", "through")]
    [InlineData("""{"through":null}""", "through")]
    [InlineData("""{"through":-1}""", "through")]
    [InlineData("""{"through":"abc"}""", "through")]
    [InlineData("""{"through":"5"}""", "through")]
    [InlineData("""{"through":1.5}""", "through")]
    [InlineData("""{"through":99999999999999999999}""", "through")]
    [InlineData("""{"through":5,"all":true}""", "through")]
    [InlineData("""{"all":false}""", "through")]
    [InlineData("""{"all":"yes"}""", "all")]
    public async Task BadSeenRequestsGetAProblemNamingTheFieldAndChangeNothing(string body, string field)
    {
        var bob = Users.New("bob");
        await app.SendAsync("alice", bob, "Unseen");
        using var client = app.ClientFor(bob);
        var before = await client.GetFromJsonAsync<UnreadCount>("/api/notifications/unread-count");

        var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/notifications/seen", content);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var after = await client.GetFromJsonAsync<UnreadCount>("/api/notifications/unread-count");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, after!.Unseen);
        Assert.Equal(before!.Version, after.Version);
    }

    [Fact]
    public async Task ReadingANotificationSeesItAndMarkingItUnreadAgainDoesNotMakeItNew()
    {
        var bob = Users.New("bob");
        var read = await app.SendAsync("alice", bob, "Opened from a toast");
        await app.SendAsync("alice", bob, "Still new");
        using var client = app.ClientFor(bob);

        await client.PostAsJsonAsync("/api/notifications/read", new { ids = new[] { read } });
        var afterRead = await client.GetFromJsonAsync<UnreadCount>("/api/notifications/unread-count");
        await client.PostAsJsonAsync("/api/notifications/unread", new { ids = new[] { read } });
        var afterUnread = await client.GetFromJsonAsync<UnreadCount>("/api/notifications/unread-count");
        var page = await client.GetFromJsonAsync<Page>("/api/notifications");

        Assert.Equal((1, 1), (afterRead!.Total, afterRead.Unseen));
        Assert.Equal((2, 1), (afterUnread!.Total, afterUnread.Unseen));
        Assert.NotNull(page!.Items.Single(n => n.Id == read).SeenAt);
    }

    private sealed record Page(List<Item> Items, string? NextCursor);

    private sealed record Item(Guid Id, long Position, DateTime? ReadAt, DateTime? SeenAt);

    private sealed record Change(int Updated);
}
