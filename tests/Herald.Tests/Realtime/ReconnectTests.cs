using Herald.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Realtime;

[Trait("Store", "Any")]
public sealed class ReconnectTests
{
    [Fact]
    public async Task ConcurrentSendersAndADroppingConnectionLeaveTheClientWithEachNotificationOnceInOrder()
    {
        const int rounds = 6;
        const int senders = 4;
        const int sendsPerSender = 10;
        var dropper = new ConnectionDropper();
        await using var app = new HeraldAppFactory
        {
            ConfigureTestServices = services => services.Configure<HubOptions>(o => o.AddFilter(dropper)),
        };
        var bob = Users.New("bob");
        await using var client = await app.StartClientAsync(bob, startAfter: 0);
        var sent = new List<Guid>();
        var drops = 0;

        for (var round = 0; round < rounds; round++)
        {
            await dropper.WaitForOpenAsync();
            var sends = Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
            {
                var ids = new List<Guid>();

                for (var i = 0; i < sendsPerSender; i++)
                {
                    ids.Add(await app.SendAsync($"sender-{s}", bob, $"Round {round}, send {i}"));
                }

                return ids;
            })).ToList();

            // Cut the connection while the round's sends are under way: they land while the
            // client is gone, reconnecting, or replaying.
            drops += dropper.DropAll();
            sent.AddRange((await Task.WhenAll(sends)).SelectMany(ids => ids));
        }

        await client.WaitUntilAsync(c => c.Received.Count >= sent.Count, TimeSpan.FromSeconds(60));

        var received = client.Received;
        // Each round waited for a new connection before dropping it: six reconnects at least.
        Assert.Equal(rounds, drops);
        Assert.Equal(sent.Count, received.Count);
        Assert.Equal(sent.Order(), received.Select(n => n.Id).Order());
        Assert.Equal(Enumerable.Range(1, sent.Count).Select(p => (long)p), received.Select(n => n.Position));
    }

    [Fact]
    public async Task ADroppedConnectionIsReportedAndItsReturnRaisesNoUnchangedCount()
    {
        var dropper = new ConnectionDropper();
        await using var app = new HeraldAppFactory
        {
            ConfigureTestServices = services => services.Configure<HubOptions>(o => o.AddFilter(dropper)),
        };
        var bob = Users.New("bob");
        await app.SendAsync("alice", bob, "Before");
        await using var client = await app.StartClientAsync(bob);
        await client.WaitUntilAsync(c => c.Counts.Count >= 1);

        dropper.DropAll();
        await client.WaitUntilAsync(c => c.Resumes >= 2);
        await app.SendAsync("alice", bob, "After");
        await client.WaitUntilAsync(c => c.Counts.Count >= 2);

        Assert.Equal([HubConnectionState.Reconnecting, HubConnectionState.Connected], client.States);
        Assert.Equal([1, 2], client.Counts.Select(c => c.Total));
    }
}
