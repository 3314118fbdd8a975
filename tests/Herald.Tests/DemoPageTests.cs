using System.Net;
using Herald.Tests.Infrastructure;

namespace Herald.Tests;

public sealed class DemoPageTests(HeraldAppFactory app) : IClassFixture<HeraldAppFactory>
{
    [Fact]
    public async Task TheDemoPageIsServedAtTheRoot()
    {
        using var client = app.CreateClient();

        var page = await client.GetStringAsync("/");
        var script = await client.GetAsync("/lib/herald.js");

        Assert.Contains("<herald-inbox", page);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("herald-inbox", await script.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheLandingPageForNotificationLinksIsServed()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/link.html?path=%2Fapprovals%2F42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/notifications/nothing-here")]
    [InlineData("/api/other")]
    [InlineData("/hubs/other")]
    public async Task UnknownApiPathsKeepTheirNotFoundProblem(string path)
    {
        using var client = app.ClientFor(Users.New("bob"));

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
