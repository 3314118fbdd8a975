using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Herald.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Herald.Tests.Auth;

public sealed class TokenRuleTests(HeraldAppFactory app) : IClassFixture<HeraldAppFactory>
{
    public static TheoryData<string, string> TokensWithoutAUsableUser => new()
    {
        { "no sub", Sign(new Dictionary<string, object>()) },
        { "empty sub", Sign(new Dictionary<string, object> { ["sub"] = "" }) },
        { "blank sub", Sign(new Dictionary<string, object> { ["sub"] = "   " }) },
        { "sub over 256 characters", Sign(new Dictionary<string, object> { ["sub"] = new string('u', 257) }) },
        { "service without sub", Sign(new Dictionary<string, object> { ["scope"] = "notifications.send" }) },
    };

    [Theory]
    [MemberData(nameof(TokensWithoutAUsableUser))]
    public async Task ASignedTokenWithoutAUsableUserIdIsForbiddenEverywhere(string reason, string token)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var send = await client.PostAsJsonAsync("/api/notifications", new
        {
            notifications = new[] { new { recipient = "bob", type = "comment", title = "From nobody" } },
        });
        var count = await client.GetAsync("/api/notifications/unread-count");
        var list = await client.GetAsync("/api/notifications");
        var read = await client.PostAsJsonAsync("/api/notifications/read", new { all = true });
        var negotiate = await client.PostAsync("/hubs/notifications/negotiate?negotiateVersion=1", null);

        Assert.True(send.StatusCode == HttpStatusCode.Forbidden, reason);
        Assert.Equal(HttpStatusCode.Forbidden, count.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
    }

    [Fact]
    public async Task TheHubOffersWebSocketsOnly()
    {
        using var client = app.ClientFor(Users.New("bob"));

        var negotiate = await client.PostAsync("/hubs/notifications/negotiate?negotiateVersion=1", null);
        var body = await negotiate.Content.ReadFromJsonAsync<JsonElement>();
        var transports = body.GetProperty("availableTransports").EnumerateArray()
            .Select(t => t.GetProperty("transport").GetString())
            .ToList();

        Assert.Equal(["WebSockets"], transports);
    }

    [Fact]
    public async Task AHubConnectionClosesWhenItsTokenExpires()
    {
        var bob = Users.New("bob");
        var token = Sign(new Dictionary<string, object> { ["sub"] = bob }, expires: DateTime.UtcNow.AddSeconds(2));
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/notifications"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            })
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        await connection.StartAsync();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    private static string Sign(Dictionary<string, object> claims, DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "herald",
            Audience = "herald",
            Claims = claims,
            IssuedAt = DateTime.UtcNow.AddMinutes(-1),
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestTokens.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
}
