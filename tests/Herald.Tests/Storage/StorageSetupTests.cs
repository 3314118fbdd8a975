using Herald.Sending;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Storage;

public sealed class StorageSetupTests
{
    [Fact]
    public async Task AHostContextWithoutHeraldsModelIsRefusedWithTheCallToAdd()
    {
        var folder = HeraldAppFactory.NewDataFolder();
        var services = new ServiceCollection().AddLogging();
        services.AddDbContext<ContextWithoutHerald>(o => o.UseSqlite($"Data Source={Path.Combine(folder, "host.db")}"));
        services.AddHerald().UseEntityFramework<ContextWithoutHerald>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        var failure = Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<INotificationSender>());

        Assert.Contains("ContextWithoutHerald", failure.Message);
        Assert.Contains("AddHeraldModel()", failure.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    public async Task AReplayLimitOutOfRangeFailsAtStartUpNamingTheSetting(string value)
    {
        await using var app = new HeraldAppFactory();
        app.Settings["Herald:MaxReplay"] = value;

        var failure = Assert.ThrowsAny<Exception>(() => app.StartServer());

        Assert.Contains("MaxReplay", failure.ToString());
    }

    private sealed class ContextWithoutHerald(DbContextOptions<ContextWithoutHerald> options) : DbContext(options);

    [Theory]
    [InlineData("PostgreSQL", null, "Herald:Storage:ConnectionString must be set")]
    [InlineData("Oracle", "Data Source=x", "Herald:Storage:Provider is 'Oracle'; use Sqlite or PostgreSQL")]
    public async Task AStorageSettingThatCannotWorkFailsAtStartUpNamingIt(string provider, string? connectionString, string expected)
    {
        await using var app = new HeraldAppFactory();
        app.Settings["Herald:Storage:Provider"] = provider;
        app.Settings["Herald:Storage:ConnectionString"] = connectionString;

        var failure = Assert.ThrowsAny<Exception>(() => app.StartServer());

        Assert.Contains(expected, failure.ToString());
    }
}
