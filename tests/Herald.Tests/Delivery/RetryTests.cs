using System.Diagnostics.Metrics;
using Herald.Delivery;
using Herald.Storage;
using Herald.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Delivery;

[Trait("Store", "Any")]
public sealed class RetryTests
{
    [Fact]
    public async Task AFailingDeliveryIsRetriedWithGrowingDelaysUntilItSucceeds()
    {
        var channel = new FlakyChannel(failures: 2);
        await using var app = NewApp(channel, maxAttempts: 5);
        var id = await app.SendAsync("alice", Users.New("bob"), "Flaky");

        await AddOutboxEntryAsync(app, id, channel.Name);
        await channel.Succeeded.Task.WaitAsync(HubClient.Timeout);
        var entry = await WaitForEntryAsync(app, id, channel.Name, e => e.State == OutboxState.Delivered);

        Assert.Equal(3, channel.Calls.Count);
        Assert.Equal(2, entry.Attempts);
        Assert.Equal("attempt 2 failed", entry.LastError);
        // An entry is not claimed before its retry time: 100 ms after the first failure, 200 after the second.
        Assert.True(channel.Calls[1] - channel.Calls[0] >= TimeSpan.FromMilliseconds(100));
        Assert.True(channel.Calls[2] - channel.Calls[1] >= TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task ADeliveryThatKeepsFailingIsMarkedDeadWithItsLastError()
    {
        var channel = new FlakyChannel(failures: int.MaxValue);
        await using var app = NewApp(channel, maxAttempts: 3);
        var id = await app.SendAsync("alice", Users.New("bob"), "Never arrives");

        await AddOutboxEntryAsync(app, id, channel.Name);
        var entry = await WaitForEntryAsync(app, id, channel.Name, e => e.State == OutboxState.Dead);

        Assert.Equal(3, entry.Attempts);
        Assert.Equal("attempt 3 failed", entry.LastError);
        Assert.Equal(3, channel.Calls.Count);
        var logged = await app.Logs.WaitForAsync(l => l.EventId.Name == "DeliveryDead", HubClient.Timeout);
        Assert.Equal(LogLevel.Error, logged.Level);
    }

    [Fact]
    public async Task FailuresDeathsAndDeliveriesAreCountedPerChannel()
    {
        var channel = new FlakyChannel(failures: int.MaxValue);
        await using var app = NewApp(channel, maxAttempts: 3);
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<(string, string), long>();
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == DeliveryMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            counts.AddOrUpdate((instrument.Name, (string)tags[0].Value!), value, (_, total) => total + value));
        listener.Start();

        var id = await app.SendAsync("alice", Users.New("bob"), "Counted");
        await AddOutboxEntryAsync(app, id, channel.Name);
        await WaitForEntryAsync(app, id, channel.Name, e => e.State == OutboxState.Dead);
        await WaitForEntryAsync(app, id, InAppChannel.ChannelName, e => e.State == OutboxState.Delivered);

        Assert.Equal(2, counts.GetValueOrDefault(("herald.delivery.failed", "flaky")));
        Assert.Equal(1, counts.GetValueOrDefault(("herald.delivery.dead", "flaky")));
        Assert.Equal(1, counts.GetValueOrDefault(("herald.delivery.delivered", "inapp")));
        Assert.Equal(0, counts.GetValueOrDefault(("herald.delivery.delivered", "flaky")));
    }

    [Fact]
    public async Task TheInAppDeliveryOfASendIsMarkedDelivered()
    {
        await using var app = NewApp(new FlakyChannel(0), maxAttempts: 5);

        var id = await app.SendAsync("alice", Users.New("bob"), "Plain");
        var entry = await WaitForEntryAsync(app, id, InAppChannel.ChannelName, e => e.State == OutboxState.Delivered);

        Assert.Equal(0, entry.Attempts);
        Assert.NotNull(entry.DeliveredAt);
        Assert.Null(entry.ClaimToken);
    }

    private static HeraldAppFactory NewApp(FlakyChannel channel, int maxAttempts)
    {
        var app = new HeraldAppFactory
        {
            ConfigureTestServices = services => services.AddSingleton<IDeliveryChannel>(channel),
        };
        app.Settings["Herald:Outbox:RetryBaseDelay"] = "00:00:00.100";
        app.Settings["Herald:Outbox:SweepInterval"] = "00:00:00.050";
        app.Settings["Herald:Outbox:MaxAttempts"] = maxAttempts.ToString();
        return app;
    }

    private static async Task AddOutboxEntryAsync(HeraldAppFactory app, Guid notificationId, string channel)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<HeraldStore>();
        store.Outbox.Add(new OutboxEntry
        {
            NotificationId = notificationId,
            Channel = channel,
            AvailableAt = DateTime.UtcNow,
            CreatedAt = DateTime.UtcNow,
        });
        await store.Context.SaveChangesAsync();
    }

    /// <summary>Reads the entry until it matches: the dispatcher runs on its own schedule.</summary>
    private static async Task<OutboxEntry> WaitForEntryAsync(
        HeraldAppFactory app,
        Guid notificationId,
        string channel,
        Func<OutboxEntry, bool> match)
    {
        var entry = await Eventually.MatchAsync(
            async cancellationToken =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<HeraldStore>();
                return await store.Outbox.AsNoTracking().SingleOrDefaultAsync(
                    o => o.NotificationId == notificationId && o.Channel == channel,
                    cancellationToken);
            },
            entry => entry is not null && match(entry));
        return entry!;
    }

    /// <summary>A channel that fails a given number of times, then delivers.</summary>
    private sealed class FlakyChannel(int failures) : IDeliveryChannel
    {
        public string Name => "flaky";

        public List<TimeSpan> Calls { get; } = [];

        public TaskCompletionSource Succeeded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();

        public Task<IReadOnlyDictionary<Guid, string>> DeliverAsync(
            IReadOnlyList<StoredNotification> batch,
            HeraldStore store,
            CancellationToken cancellationToken)
        {
            Calls.Add(System.Diagnostics.Stopwatch.GetElapsedTime(_start));

            if (Calls.Count > failures)
            {
                Succeeded.TrySetResult();
                return Task.FromResult<IReadOnlyDictionary<Guid, string>>(new Dictionary<Guid, string>());
            }

            var reason = $"attempt {Calls.Count} failed";
            return Task.FromResult<IReadOnlyDictionary<Guid, string>>(batch.ToDictionary(n => n.Id, _ => reason));
        }
    }
}
