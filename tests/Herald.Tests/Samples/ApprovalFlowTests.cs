using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow;
using Herald.Inbox;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Samples;

/// <summary>
/// The sample's decisions through its real pipeline. Each test starts its own app, so each
/// finds request 42 open and bob's inbox empty.
/// </summary>
public sealed class ApprovalFlowTests
{
    private const int RequestId = DatabaseSetup.SampleRequestId;

    [Theory]
    [InlineData("approve", RequestStatus.Approved)]
    [InlineData("reject", RequestStatus.Rejected)]
    public async Task ADecisionClosesTheRequestAndPushesOneNotificationToTheRequester(string action, string verdict)
    {
        await using var app = new ApprovalFlowFactory();
        await using var bobTab = await app.ConnectAsync("bob");
        using var alice = app.ClientFor("alice");
        using var bob = app.ClientFor("bob");

        var response = await alice.PostAsync($"/requests/{RequestId}/{action}", content: null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var pushed = await bobTab.NextNotificationAsync();
        var request = await app.RequestAsync(RequestId);
        var decisions = await app.DecisionsOnAsync(RequestId);
        var inbox = await app.InboxOfAsync("bob");
        var count = await bob.GetFromJsonAsync<UnreadCount>("/api/notifications/unread-count");

        // Had a second push been queued, it would arrive before this later one.
        var marker = await app.SendAsync("alice", "bob", "Marker");
        var next = await bobTab.NextNotificationAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(verdict, body.GetProperty("request").GetProperty("status").GetString());
        Assert.Equal(body.GetProperty("notificationId").GetGuid(), pushed.Id);
        Assert.Equal(verdict, request.Status);
        Assert.Equal("alice", request.DecidedBy);
        Assert.NotNull(request.DecidedAt);
        Assert.Equal(("alice", verdict), decisions.Select(d => (d.DecidedBy, d.Verdict)).Single());
        Assert.Equal("bob", pushed.Recipient);
        Assert.Equal("alice", pushed.Sender);
        Assert.Equal("approval", pushed.Type);
        Assert.Equal($"alice {verdict} “Travel to Lisbon”", pushed.Title);
        Assert.Equal($"/requests/{RequestId}", pushed.Link);
        Assert.Equal(1, pushed.Position);
        Assert.Equal(pushed.Id, inbox.Single().GetProperty("id").GetGuid());
        Assert.Equal(1, count!.Total);
        Assert.Equal(1, count.ByType["approval"]);
        Assert.Equal(marker, next.Id);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    public async Task ADecisionOnAClosedRequestIsRefusedAndLeavesNeitherAuditRowNorNotification(string action)
    {
        await using var app = new ApprovalFlowFactory();
        await using var bobTab = await app.ConnectAsync("bob");
        using var alice = app.ClientFor("alice");
        using var carol = app.ClientFor("carol");
        var first = await alice.PostAsync($"/requests/{RequestId}/approve", content: null);
        first.EnsureSuccessStatusCode();
        var approval = await bobTab.NextNotificationAsync();

        var refused = await carol.PostAsync($"/requests/{RequestId}/{action}", content: null);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var request = await app.RequestAsync(RequestId);
        var decisions = await app.DecisionsOnAsync(RequestId);
        var inbox = await app.InboxOfAsync("bob");

        // The refused decision's notification, had it been pushed, would arrive before this one.
        var marker = await app.SendAsync("alice", "bob", "Marker");
        var next = await bobTab.NextNotificationAsync();

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Equal("The request is already closed.", problem.GetProperty("title").GetString());
        Assert.Contains("already approved", problem.GetProperty("detail").GetString());
        Assert.Equal(RequestStatus.Approved, request.Status);
        Assert.Equal("alice", request.DecidedBy);
        Assert.Equal("alice", decisions.Single().DecidedBy);
        Assert.Equal(approval.Id, inbox.Single().GetProperty("id").GetGuid());
        Assert.Equal(marker, next.Id);

        // The rolled-back send gave back the stream position it had taken.
        Assert.Equal(2, next.Position);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData("GET", "/requests/4711")]
    [InlineData("POST", "/requests/4711/approve")]
    [InlineData("POST", "/requests/4711/reject")]
    public async Task AnUnknownRequestIsANotFoundProblem(string method, string path)
    {
        await using var app = new ApprovalFlowFactory();
        using var alice = app.ClientFor("alice");

        var response = await alice.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("There is no request 4711.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ADecisionWithoutATokenIsUnauthorizedAndLeavesTheRequestOpen()
    {
        await using var app = new ApprovalFlowFactory();
        using var anonymous = app.CreateClient();

        var response = await anonymous.PostAsync($"/requests/{RequestId}/approve", content: null);
        var request = await app.RequestAsync(RequestId);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(RequestStatus.Open, request.Status);
        Assert.Empty(await app.DecisionsOnAsync(RequestId));
    }
}
