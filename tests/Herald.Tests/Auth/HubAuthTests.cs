using System.Net;
using System.Net.Http.Headers;
using Herald.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Auth;

public sealed class HubAuthTests(HeraldAppFactory app) : IClassFixture<HeraldAppFactory>
{
    public static TheoryData<string, string?> RefusedTokens => new()
    {
        { "no token", null },
        { "wrong signature", TestTokens.SignedWithOtherKey("bob") },
        { "expired", TestTokens.Expired("bob") },
        { "not a token", "hello" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task TheHubRefusesABadTokenInTheHeader(string reason, string? token)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/notifications/negotiate?negotiateVersion=1");

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, reason);
    }

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task TheHubRefusesABadTokenInTheQueryString(string reason, string? token)
    {
        using var client = app.CreateClient();
        var query = token is null ? "" : $"&access_token={Uri.EscapeDataString(token)}";

        var response = await client.PostAsync($"/hubs/notifications/negotiate?negotiateVersion=1{query}", null);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, reason);
    }

    [Fact]
    public async Task AConnectionWithABadTokenFailsToStart()
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/notifications"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(TestTokens.Expired("bob"));
                o.Transports = HttpTransportType.WebSockets;
            })
            .Build();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
    }

    [Fact]
    public async Task AWebSocketWithTheTokenInTheQueryStringConnectsAndTheTokenIsNeverLogged()
    {
        // Every log category at its most verbose, the host's request log included.
        await using var verbose = new HeraldAppFactory();
        verbose.Settings["Logging:LogLevel:Default"] = "Trace";
        verbose.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        verbose.Settings["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace";
        verbose.Logs.MinimumLevel = LogLevel.Trace;
        var bob = Users.New("bob");
        var token = TestTokens.For(bob);
        var url = new Uri(verbose.BaseAddress, $"/hubs/notifications?access_token={Uri.EscapeDataString(token)}");

        await using var connection = new HubConnectionBuilder()
            .WithUrl(url, o => o.Transports = HttpTransportType.WebSockets)
            .Build();
        var received = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<Herald.Inbox.NotificationView>("notification", n => received.TrySetResult(n.Id));
        await connection.StartAsync();
        var id = await verbose.SendAsync("alice", bob, "Through the query-string token");
        var arrived = await received.Task.WaitAsync(HubClient.Timeout);
        await connection.StopAsync();

        var lines = verbose.Logs.Lines;
        Assert.Equal(id, arrived);
        Assert.Contains(lines, l => l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && l.Level == LogLevel.Trace);
        Assert.DoesNotContain(lines, l => l.Message.Contains(token[^20..], StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Message.Contains("access_token", StringComparison.Ordinal));
    }
}
