using System.Net;
using Herald.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Herald.Tests.Storage;

public sealed class HealthTests
{
    [Fact]
    [Trait("Store", "Any")]
    public async Task LiveAndReadyAnswerWithoutATokenWhileTheDatabaseIsThere()
    {
        await using var app = new HeraldAppFactory();
        using var client = app.CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReadyTurns503WhenTheDatabaseCannotBeReachedWhileLiveStays200()
    {
        await using var app = new HeraldAppFactory();
        using var client = app.CreateClient();
        using var before = await client.GetAsync("/health/ready");

        // The database's folder goes away, as a lost volume would.
        SqliteConnection.ClearAllPools();
        Directory.Delete(app.DataFolder, recursive: true);

        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
