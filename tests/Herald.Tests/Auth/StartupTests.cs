using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Tests.Infrastructure;

namespace Herald.Tests.Auth;

public sealed class StartupTests
{
    [Fact]
    public async Task OutsideDevelopmentStartUpWithoutAKeyOrAuthorityFailsNamingTheSettings()
    {
        await using var app = new HeraldAppFactory();
        app.Settings["Herald:Auth:SigningKey"] = null;

        var failure = Assert.ThrowsAny<Exception>(() => app.StartServer());

        var message = Flatten(failure);
        Assert.Contains("Herald:Auth:SigningKey", message);
        Assert.Contains("Herald:Auth:Authority", message);
    }

    [Fact]
    public async Task AShortSigningKeyFailsAtStartUp()
    {
        await using var app = new HeraldAppFactory();
        app.Settings["Herald:Auth:SigningKey"] = "too-short";

        var failure = Assert.ThrowsAny<Exception>(() => app.StartServer());

        Assert.Contains("at least 32 bytes", Flatten(failure));
    }

    [Fact]
    public async Task WithAnAuthorityTokensSignedWithASharedKeyAreRefused()
    {
        await using var app = new HeraldAppFactory();
        app.Settings["Herald:Auth:SigningKey"] = null;
        // A loopback port where nothing listens: the metadata cannot load, so no token can pass.
        app.Settings["Herald:Auth:Authority"] = "https://127.0.0.1:9/realms/herald";
        using var client = app.ClientFor("bob");

        var response = await client.GetAsync("/api/notifications/unread-count");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OutsideDevelopmentThereIsNoDevTokenEndpoint()
    {
        await using var app = new HeraldAppFactory();
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/dev/token", new { user = "bob" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task InDevelopmentTheDevTokenEndpointIssuesTokensTheApiAccepts()
    {
        await using var app = new HeraldAppFactory { EnvironmentName = "Development" };
        app.Settings["Herald:Auth:SigningKey"] = null;
        using var client = app.CreateClient();

        var issued = await client.PostAsJsonAsync("/dev/token", new { user = "bob", scopes = new[] { "notifications.send" } });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var sent = await client.PostAsJsonAsync("/api/notifications", new
        {
            notifications = new[] { new { recipient = "carol", sender = "system", type = "system", title = "Hi" } },
        });

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
    }

    [Fact]
    public async Task TheDevTokenEndpointNamesABadUser()
    {
        await using var app = new HeraldAppFactory { EnvironmentName = "Development" };
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/dev/token", new { user = "" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("user", out _));
    }

    [Fact]
    public async Task TheDatabaseFileAndItsFolderAreCreatedOnFirstStart()
    {
        await using var app = new HeraldAppFactory();

        app.StartServer();

        Assert.True(File.Exists(app.DatabasePath));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApi()
    {
        await using var app = new HeraldAppFactory();
        using var client = app.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/notifications", out _));
        Assert.True(paths.TryGetProperty("/api/notifications/read", out _));
        Assert.True(paths.TryGetProperty("/api/notifications/unread-count", out _));
    }

    private static string Flatten(Exception exception)
    {
        var messages = new List<string>();

        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }
}
