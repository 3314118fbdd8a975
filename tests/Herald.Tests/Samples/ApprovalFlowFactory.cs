using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow;
using Herald.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Samples;

/// <summary>
/// The ApprovalFlow sample on a real Kestrel port on loopback, with a SQLite file of its own in
/// a temporary folder. Its own start-up migrates the file and seeds request 42 for bob.
/// </summary>
public sealed class ApprovalFlowFactory : WebApplicationFactory<ApprovalDb>
{
    public ApprovalFlowFactory()
    {
        UseKestrel(0);
    }

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "herald-tests", Guid.NewGuid().ToString("N"));

    public LogCapture Logs { get; } = new();

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public HttpClient ClientFor(string user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(user));
        return client;
    }

    /// <summary>Opens a hub connection as <paramref name="user"/> and waits for its first unread count.</summary>
    public async Task<HubClient> ConnectAsync(string user)
    {
        var client = new HubClient(new Uri(BaseAddress, "/hubs/notifications"), () => TestTokens.For(user));
        await client.StartAsync();
        return client;
    }

    /// <summary>Sends one notification through Herald's HTTP API; returns its id.</summary>
    public async Task<Guid> SendAsync(string sender, string recipient, string title)
    {
        using var client = ClientFor(sender);
        var response = await client.PostAsJsonAsync("/api/notifications", new
        {
            notifications = new[] { new { recipient, type = "comment", title } },
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("ids").EnumerateArray().Single().GetGuid();
    }

    /// <summary>The first page of <paramref name="user"/>'s inbox, as Herald's API answers it.</summary>
    public async Task<List<JsonElement>> InboxOfAsync(string user)
    {
        using var client = ClientFor(user);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/notifications");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>The decision rows of one request, read from the sample's table.</summary>
    public async Task<List<Decision>> DecisionsOnAsync(int requestId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalDb>();
        return await db.Decisions.AsNoTracking().Where(d => d.RequestId == requestId).ToListAsync();
    }

    /// <summary>One request, read from the sample's table.</summary>
    public async Task<ApprovalRequest> RequestAsync(int id)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalDb>();
        return await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.UseSetting("ConnectionStrings:Approvals", $"Data Source={Path.Combine(DataFolder, "approvals.db")}");
        builder.UseSetting("Herald:Auth:SigningKey", TestTokens.SigningKey);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        if (Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
