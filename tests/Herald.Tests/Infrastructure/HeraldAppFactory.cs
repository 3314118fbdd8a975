using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// Herald.Server on a real Kestrel port on loopback, with a database of its own: a SQLite file
/// in a temporary folder, or a PostgreSQL database when the run is on PostgreSQL (see
/// <see cref="TestDatabase"/>). One factory serves one test class.
/// </summary>
public class HeraldAppFactory : WebApplicationFactory<Program>
{
    public HeraldAppFactory()
    {
        UseKestrel(0);
    }

    /// <summary>
    /// Where the SQLite file lives; two factories given one folder share a database. A folder
    /// given here belongs to the test, which removes it; the factory removes only its own.
    /// </summary>
    public string DataFolder
    {
        get => _dataFolder;
        init
        {
            _dataFolder = value;
            _ownsDataFolder = false;
        }
    }

    private readonly string _dataFolder = NewDataFolder();
    private readonly bool _ownsDataFolder = true;

    public string DatabasePath => Database.SqlitePath;

    public TestDatabase Database => TestDatabase.In(DataFolder);

    public LogCapture Logs { get; } = new();

    /// <summary>The host environment; not Development unless a test asks for it.</summary>
    public string EnvironmentName { get; set; } = "Test";

    /// <summary>Configuration on top of the defaults; a null value removes a setting.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Herald:Auth:SigningKey"] = TestTokens.SigningKey,
    };

    /// <summary>Extra service registrations, applied after the server's own.</summary>
    public Action<IServiceCollection>? ConfigureTestServices { get; set; }

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public HttpClient ClientFor(string user, params string[] scopes)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(user, scopes));
        return client;
    }

    /// <summary>Opens a hub connection as <paramref name="user"/> and waits for its first unread count.</summary>
    public async Task<HubClient> ConnectAsync(string user)
    {
        var client = new HubClient(new Uri(BaseAddress, "/hubs/notifications"), () => TestTokens.For(user));
        await client.StartAsync();
        return client;
    }

    /// <summary>A <see cref="ClientRecorder"/> for <paramref name="user"/>, started and caught up.</summary>
    public async Task<ClientRecorder> StartClientAsync(string user, long? startAfter = 0)
    {
        var recorder = new ClientRecorder(BaseAddress, user, startAfter);
        await recorder.StartAsync();
        return recorder;
    }

    public static string NewDataFolder() => Path.Combine(Path.GetTempPath(), "herald-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Sends one notification as <paramref name="sender"/>; returns its id.</summary>
    public async Task<Guid> SendAsync(string sender, string recipient, string title = "Hello", string type = "comment")
    {
        using var client = ClientFor(sender);
        var response = await client.PostAsJsonAsync("/api/notifications", new
        {
            notifications = new[] { new { recipient, type, title } },
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<IdsBody>();
        return body!.Ids.Single();
    }

    /// <summary>Sends <paramref name="count"/> notifications in one batch; returns their ids in order.</summary>
    public async Task<IReadOnlyList<Guid>> SendManyAsync(string sender, string recipient, int count)
    {
        using var client = ClientFor(sender);
        var response = await client.PostAsJsonAsync("/api/notifications", new
        {
            notifications = Enumerable.Range(1, count).Select(i => new { recipient, type = "comment", title = $"Note {i}" }),
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<IdsBody>();
        return body!.Ids;
    }

    /// <summary>The first page of <paramref name="user"/>'s inbox, as the API answers it.</summary>
    public async Task<List<JsonElement>> InboxOfAsync(string user)
    {
        using var client = ClientFor(user);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/notifications");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        var database = Database;
        database.EnsureCreatedAsync().GetAwaiter().GetResult();
        builder.UseSetting("Herald:Storage:Provider", database.Provider);
        builder.UseSetting("Herald:Storage:ConnectionString", database.ConnectionString);

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));

        if (ConfigureTestServices is not null)
        {
            builder.ConfigureServices(ConfigureTestServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        if (_ownsDataFolder && Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    public sealed record IdsBody(List<Guid> Ids);
}
