using System.Collections.Concurrent;
using Herald.Delivery;
using Herald.Storage;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Herald.Tests.Delivery;

[Trait("Store", "Any")]
public sealed class TwoDispatcherTests
{
    [Fact]
    public async Task TwoServersOnOneDatabaseDeliverEachRecordOnce()
    {
        var deliveries = new ConcurrentDictionary<Guid, int>();
        var first = new CountingChannel(deliveries);
        var second = new CountingChannel(deliveries);
        await using var a = NewApp(first);
        await using var b = NewApp(second, sharing: a);
        var bob = Users.New("bob");

        // Both servers take sends, so both dispatchers are woken and claim from one table.
        var sends = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).SendManyAsync("alice", bob, 25));
        var ids = (await Task.WhenAll(sends)).SelectMany(batch => batch).ToList();
        await Eventually.MatchAsync(_ => Task.FromResult(deliveries.Count), n => n == ids.Count, TimeSpan.FromSeconds(30));
        await Eventually.MatchAsync(ct => PendingAsync(a, ct), n => n == 0);

        Assert.Equal(ids.Order(), deliveries.Keys.Order());
        Assert.All(deliveries, d => Assert.Equal(1, d.Value));
        Assert.True(first.Delivered > 0 && second.Delivered > 0, $"Deliveries were {first.Delivered} and {second.Delivered}.");
    }

    [Fact]
    public async Task AClaimIsLeftAloneWhileItsLeaseRunsAndTakenOverOnceItRanOut()
    {
        var deliveries = new ConcurrentDictionary<Guid, int>();
        await using var app = NewApp(new CountingChannel(deliveries));
        var bob = Users.New("bob");
        var held = await app.SendAsync("alice", bob, "Held by a live dispatcher");
        var lapsed = await app.SendAsync("alice", bob, "Held by a dead dispatcher");
        await Eventually.MatchAsync(_ => Task.FromResult(deliveries.Count), n => n == 2);

        // Put both back as claimed by another process: one claim still runs, one ran out.
        await ClaimAsync(app, held, DateTime.UtcNow.AddHours(1));
        await ClaimAsync(app, lapsed, DateTime.UtcNow.AddSeconds(-1));
        var marker = await app.SendAsync("alice", bob, "Marker");
        await Eventually.MatchAsync(_ => Task.FromResult(deliveries.GetValueOrDefault(lapsed)), n => n == 2);
        await Eventually.MatchAsync(_ => Task.FromResult(deliveries.GetValueOrDefault(marker)), n => n == 1);

        Assert.Equal(1, deliveries[held]);
    }

    /// <summary>A server of its own, or one on the database of <paramref name="sharing"/>.</summary>
    private static HeraldAppFactory NewApp(CountingChannel channel, HeraldAppFactory? sharing = null)
    {
        void Channel(IServiceCollection services)
        {
            services.RemoveAll<IDeliveryChannel>();
            services.AddSingleton<IDeliveryChannel>(channel);
        }

        var app = sharing is null
            ? new HeraldAppFactory { ConfigureTestServices = Channel }
            : new HeraldAppFactory { ConfigureTestServices = Channel, DataFolder = sharing.DataFolder };
        app.Settings["Herald:Outbox:BatchSize"] = "10";
        app.Settings["Herald:Outbox:SweepInterval"] = "00:00:00.050";
        return app;
    }

    private static async Task<int> PendingAsync(HeraldAppFactory app, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<HeraldStore>();
        return await store.Outbox.CountAsync(o => o.State == OutboxState.Pending, cancellationToken);
    }

    private static async Task ClaimAsync(HeraldAppFactory app, Guid notificationId, DateTime claimedUntil)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<HeraldStore>();
        await store.Outbox
            .Where(o => o.NotificationId == notificationId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.State, OutboxState.Pending)
                .SetProperty(o => o.ClaimToken, Guid.NewGuid())
                .SetProperty(o => o.ClaimedUntil, claimedUntil));
    }

    /// <summary>Stands in for the in-app channel and counts what each dispatcher delivered.</summary>
    private sealed class CountingChannel(ConcurrentDictionary<Guid, int> deliveries) : IDeliveryChannel
    {
        private int _delivered;

        public string Name => InAppChannel.ChannelName;

        public int Delivered => Volatile.Read(ref _delivered);

        public Task<IReadOnlyDictionary<Guid, string>> DeliverAsync(
            IReadOnlyList<StoredNotification> batch,
            HeraldStore store,
            CancellationToken cancellationToken)
        {
            foreach (var notification in batch)
            {
                deliveries.AddOrUpdate(notification.Id, 1, (_, n) => n + 1);
                Interlocked.Increment(ref _delivered);
            }

            return Task.FromResult<IReadOnlyDictionary<Guid, string>>(new Dictionary<Guid, string>());
        }
    }
}
