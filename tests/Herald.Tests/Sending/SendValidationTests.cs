using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Sending;

[Trait("Store", "Any")]
public sealed class SendValidationTests(HeraldAppFactory app) : IClassFixture<HeraldAppFactory>
{
    public static TheoryData<string, string, string> BadItems => new()
    {
        { "missing recipient", """{"type":"comment","title":"Hi"}""", "recipient" },
        { "blank recipient", """{"recipient":"  ","type":"comment","title":"Hi"}""", "recipient" },
        { "neither title nor content", """{"recipient":"@R","type":"comment"}""", "title" },
        { "title over 200", $$"""{"recipient":"@R","type":"comment","title":"{{new string('t', 201)}}"}""", "title" },
        { "content over 4000", $$"""{"recipient":"@R","type":"comment","content":"{{new string('c', 4001)}}"}""", "content" },
        { "data over 16 KB", $$$"""{"recipient":"@R","type":"comment","title":"Hi","data":{"blob":"{{{new string('d', 16 * 1024)}}}"}}""", "data" },
        { "data not an object", """{"recipient":"@R","type":"comment","title":"Hi","data":[1,2]}""", "data" },
        { "type with capitals", """{"recipient":"@R","type":"Comment","title":"Hi"}""", "type" },
        { "type with a space", """{"recipient":"@R","type":"a b","title":"Hi"}""", "type" },
        { "type over 64", $$"""{"recipient":"@R","type":"{{new string('a', 65)}}","title":"Hi"}""", "type" },
        { "missing type", """{"recipient":"@R","title":"Hi"}""", "type" },
        { "javascript link", """{"recipient":"@R","type":"comment","title":"Hi","link":"javascript:alert(1)"}""", "link" },
        { "javascript link in capitals", """{"recipient":"@R","type":"comment","title":"Hi","link":"JavaScript:alert(1)"}""", "link" },
        { "data link", """{"recipient":"@R","type":"comment","title":"Hi","link":"data:text/html,<script>alert(1)</script>"}""", "link" },
        { "protocol-relative link", """{"recipient":"@R","type":"comment","title":"Hi","link":"//evil.example.com"}""", "link" },
        { "ftp link", """{"recipient":"@R","type":"comment","title":"Hi","link":"ftp://files.example.com/a"}""", "link" },
        { "relative link without slash", """{"recipient":"@R","type":"comment","title":"Hi","link":"approvals/42"}""", "link" },
        { "title of the wrong JSON type", """{"recipient":"@R","type":"comment","title":42}""", "title" },
        { "type with a trailing newline", """{"recipient":"@R","type":"comment\n","title":"Hi"}""", "type" },
        { "link with a leading space", """{"recipient":"@R","type":"comment","title":"Hi","link":" https://example.com"}""", "link" },
        { "sender of spaces", """{"recipient":"@R","sender":"   ","type":"comment","title":"Hi"}""", "sender" },
        { "recipient with a NUL", """{"recipient":"a\u0000b","type":"comment","title":"Hi"}""", "recipient" },
        { "recipient with a newline", """{"recipient":"bob\n","type":"comment","title":"Hi"}""", "recipient" },
        { "sender with a control character", """{"recipient":"@R","sender":"sys\u0007","type":"comment","title":"Hi"}""", "sender" },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task OneBadItemRefusesTheWholeBatchAndNamesItsField(string rule, string badItem, string field)
    {
        var bob = Users.New("bob");
        var body = $$"""{"notifications":[{"recipient":"{{bob}}","type":"comment","title":"Good one"},{{badItem.Replace("@R", bob)}}]}""";

        var response = await PostRawAsync(body);
        var problem = await ProblemAsync(response);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, rule);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"notifications[1].{field}", problem.Errors.Keys);
        Assert.DoesNotContain(problem.Errors.Keys, k => k.StartsWith("notifications[0]", StringComparison.Ordinal));
        Assert.Empty(await app.InboxOfAsync(bob));
    }

    [Fact]
    public async Task EveryBadItemOfABatchIsNamed()
    {
        var body = """{"notifications":[{"type":"x","title":"a"},{"recipient":"bob","type":"BAD","title":"b"},{"recipient":"bob","type":"ok"}]}""";

        var problem = await ProblemAsync(await PostRawAsync(body));

        Assert.Equal(
            ["notifications[0].recipient", "notifications[1].type", "notifications[2].title"],
            problem.Errors.Keys.Order());
    }

    [Theory]
    [InlineData("""{"notifications":[{"recipient":"bob",""", "notifications[0]")]
    [InlineData("""not json at all""", "$")]
    [InlineData("""[]""", "$")]
    [InlineData("""null""", "$")]
    [InlineData("""{"notifications":{"recipient":"bob"}}""", "notifications")]
    [InlineData("""{"notifications":[]}""", "notifications")]
    [InlineData("""{}""", "notifications")]
    [InlineData("""{"notifications":[null]}""", "notifications[0]")]
    public async Task AMalformedBodyGetsAProblemNamingWhereItIsWrong(string body, string field)
    {
        var response = await PostRawAsync(body);
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem.Errors.Keys, k => k == field || k.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABatchOfMoreThanAThousandIsRefusedAndNothingIsStored()
    {
        var bob = Users.New("bob");
        var items = Enumerable.Range(0, 1001).Select(i => new { recipient = bob, type = "comment", title = $"#{i}" });

        using var alice = app.ClientFor("alice");
        var response = await alice.PostAsJsonAsync("/api/notifications", new { notifications = items });
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("notifications", problem.Errors.Keys);
        Assert.Empty(await app.InboxOfAsync(bob));
    }

    [Fact]
    public async Task ABatchOfAThousandIsStoredWhole()
    {
        var bob = Users.New("bob");
        var items = Enumerable.Range(0, 1000).Select(i => new { recipient = bob, type = "comment", title = $"#{i}" });

        using var alice = app.ClientFor("alice");
        var response = await alice.PostAsJsonAsync("/api/notifications", new { notifications = items });
        var ids = (await response.Content.ReadFromJsonAsync<HeraldAppFactory.IdsBody>())!.Ids;
        using var bobClient = app.ClientFor(bob);
        var count = await bobClient.GetFromJsonAsync<JsonObject>("/api/notifications/unread-count");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1000, ids.Distinct().Count());
        Assert.Equal(1000, (int)count!["total"]!);
    }

    [Fact]
    public async Task DataWithInvalidUtf8IsNamedNotAServerError()
    {
        var bob = Users.New("bob");
        var body = Encoding.UTF8.GetBytes($$$"""{"notifications":[{"recipient":"{{{bob}}}","type":"comment","title":"Hi","data":{"k":"__"}}]}""");
        var at = Array.IndexOf(body, (byte)'_');
        body[at] = 0xC3;
        body[at + 1] = 0x28;
        using var alice = app.ClientFor("alice");
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await alice.PostAsync("/api/notifications", content);
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("notifications[0].data", problem.Errors.Keys);
        Assert.Empty(await app.InboxOfAsync(bob));
    }

    [Theory]
    [InlineData("/api/notifications")]
    [InlineData("/api/notifications/read")]
    [InlineData("/api/notifications/unread")]
    public async Task AnUnknownCharsetGets415(string path)
    {
        using var alice = app.ClientFor("alice");
        var content = new StringContent("{}", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=bogus");

        var response = await alice.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ABodyThatIsNotJsonGets415()
    {
        using var alice = app.ClientFor("alice");
        var response = await alice.PostAsync("/api/notifications", new StringContent("recipient=bob", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ASendWithoutATokenGets401()
    {
        using var anonymous = app.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/notifications", new { notifications = new[] { new { recipient = "bob", type = "comment", title = "Hi" } } });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheServerGoesOnServingAfterBadInput()
    {
        var bob = Users.New("bob");

        foreach (var body in new[] { "{", "{\"notifications\":[{\"data\":{\"a\":", "\u0000\u0001", "{\"notifications\":[1,2,3]}" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await PostRawAsync(body)).StatusCode);
        }

        var id = await app.SendAsync("alice", bob, "Still here");

        Assert.Equal(id, Assert.Single(await app.InboxOfAsync(bob)).GetProperty("id").GetGuid());
        Assert.DoesNotContain(app.Logs.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    private async Task<HttpResponseMessage> PostRawAsync(string body)
    {
        using var alice = app.ClientFor("alice");
        return await alice.PostAsync("/api/notifications", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    private static async Task<Problem> ProblemAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<Problem>())!;

    private sealed record Problem(string? Title, int Status, Dictionary<string, string[]> Errors);
}
