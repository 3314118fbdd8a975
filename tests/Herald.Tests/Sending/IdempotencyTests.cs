using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Sending;
using Herald.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Sending;

[Trait("Store", "Any")]
public sealed class IdempotencyTests(HeraldAppFactory app) : IClassFixture<HeraldAppFactory>
{
    [Fact]
    public async Task ARetriedSendAnswersWithTheFirstIdsAndStoresAndPushesNothingNew()
    {
        var bob = Users.New("bob");
        await using var connection = await app.ConnectAsync(bob);
        using var alice = app.ClientFor("alice");

        using var first = await SendAsync(alice, bob, "Request 42 approved", "approval-42");
        using var retry = await SendAsync(alice, bob, "Request 42 approved", "approval-42");
        var firstIds = await IdsOf(first);
        var pushed = await connection.NextNotificationAsync();
        var marker = await app.SendAsync("alice", bob, "Marker");
        var next = await connection.NextNotificationAsync();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(firstIds, await IdsOf(retry));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(firstIds.Single(), pushed.Id);
        Assert.Equal(marker, next.Id);
        Assert.Equal(2, (await app.InboxOfAsync(bob)).Count);
    }

    [Fact]
    public async Task TheSameKeyWithOtherNotificationsIsAConflictNamingTheHeader()
    {
        var bob = Users.New("bob");
        using var alice = app.ClientFor("alice");

        using var first = await SendAsync(alice, bob, "One thing", "key-1");
        using var other = await SendAsync(alice, bob, "Another thing", "key-1");
        var problem = await other.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Single(await app.InboxOfAsync(bob));
    }

    [Fact]
    public async Task KeysOfDifferentCallersNeverMeet()
    {
        var bob = Users.New("bob");
        using var alice = app.ClientFor("alice");
        using var carol = app.ClientFor("carol");

        using var fromAlice = await SendAsync(alice, bob, "Hi", "shared-key");
        using var fromCarol = await SendAsync(carol, bob, "Hi", "shared-key");

        Assert.Equal(HttpStatusCode.Accepted, fromCarol.StatusCode);
        Assert.NotEqual(await IdsOf(fromAlice), await IdsOf(fromCarol));
        Assert.Equal(2, (await app.InboxOfAsync(bob)).Count);
    }

    [Fact]
    public async Task ConcurrentSendsWithOneKeyStoreOneNotificationAndAllAnswerItsId()
    {
        var bob = Users.New("bob");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var alice = app.ClientFor("alice");
            using var response = await SendAsync(alice, bob, "Once", "race-key");
            response.EnsureSuccessStatusCode();
            return (await IdsOf(response)).Single();
        }));

        Assert.Single(answers.Distinct());
        Assert.Single(await app.InboxOfAsync(bob));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\there")]
    [InlineData("one, two")]
    public async Task ABadKeyIsRefusedWithAProblemNamingTheHeaderAndNothingIsStored(string key)
    {
        var bob = Users.New("bob");
        using var alice = app.ClientFor("alice");

        using var response = await SendAsync(alice, bob, "Hi", key);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Empty(await app.InboxOfAsync(bob));
    }

    [Fact]
    public async Task AKeyOverTwoHundredCharactersOrTwoKeyHeadersAreRefused()
    {
        var bob = Users.New("bob");
        using var alice = app.ClientFor("alice");
        using var tooLong = await SendAsync(alice, bob, "Hi", new string('k', 201));
        using var twoKeys = new HttpRequestMessage(HttpMethod.Post, "/api/notifications") { Content = Body(bob, "Hi") };
        twoKeys.Headers.Add("Idempotency-Key", ["one", "two"]);

        using var twice = await alice.SendAsync(twoKeys);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Empty(await app.InboxOfAsync(bob));
    }

    [Fact]
    public async Task TheLibraryTakesTheKeyAsAnOptionAndReplaysInsideTheCallersTransaction()
    {
        var bob = Users.New("bob");
        var options = new SendOptions { IdempotencyKey = "nightly-digest-2026-12-03" };
        NotificationMessage[] digest = [new() { Recipient = bob, Type = "digest", Title = "Your day" }];

        var first = await SendInScopeAsync(digest, options);
        var again = await SendInScopeAsync(digest, options);
        var conflict = await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            SendInScopeAsync([new() { Recipient = bob, Type = "digest", Title = "Another day" }], options));

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Ids, again.Ids);
        Assert.Equal("nightly-digest-2026-12-03", conflict.IdempotencyKey);
        Assert.Single(await app.InboxOfAsync(bob));
    }

    private async Task<SendResult> SendInScopeAsync(NotificationMessage[] batch, SendOptions options)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<INotificationSender>().SendAsync(batch, options);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string recipient, string title, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/notifications") { Content = Body(recipient, title) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static JsonContent Body(string recipient, string title) => JsonContent.Create(new
    {
        notifications = new[] { new { recipient, type = "comment", title } },
    });

    private static async Task<List<Guid>> IdsOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<HeraldAppFactory.IdsBody>())!.Ids;
}
