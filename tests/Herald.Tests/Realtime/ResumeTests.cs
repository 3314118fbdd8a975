using System.Text.Json;
using Herald.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Herald.Tests.Realtime;

[Trait("Store", "Any")]
public sealed class ResumeTests(ResumeTests.App app) : IClassFixture<ResumeTests.App>
{
    public const int MaxReplay = 5;

    public sealed class App : HeraldAppFactory
    {
        public App() => Settings["Herald:MaxReplay"] = MaxReplay.ToString();
    }

    [Fact]
    public async Task ResumeReplaysEverythingAfterThePositionOldestFirst()
    {
        var bob = Users.New("bob");
        var ids = await app.SendManyAsync("alice", bob, 4);
        await using var connection = await app.ConnectAsync(bob);

        var result = await connection.Connection.InvokeAsync<JsonElement>("Resume", 1L);

        var replayed = result.GetProperty("notifications").EnumerateArray().ToList();
        Assert.Equal(ids.Skip(1), replayed.Select(n => n.GetProperty("id").GetGuid()));
        Assert.Equal([2L, 3L, 4L], replayed.Select(n => n.GetProperty("position").GetInt64()));
        Assert.Equal(4, result.GetProperty("position").GetInt64());
        Assert.False(result.GetProperty("reload").GetBoolean());
    }

    [Fact]
    public async Task ResumeWithoutAPositionStartsFromNowWithNothingReplayed()
    {
        var bob = Users.New("bob");
        await app.SendManyAsync("alice", bob, 3);
        await using var connection = await app.ConnectAsync(bob);

        var result = await connection.Connection.InvokeAsync<JsonElement>("Resume", (long?)null);

        Assert.Empty(result.GetProperty("notifications").EnumerateArray());
        Assert.Equal(3, result.GetProperty("position").GetInt64());
        Assert.False(result.GetProperty("reload").GetBoolean());
    }

    [Fact]
    public async Task AClientFurtherBehindThanTheReplayLimitIsToldToReload()
    {
        var bob = Users.New("bob");
        await app.SendManyAsync("alice", bob, MaxReplay + 2);
        await using var connection = await app.ConnectAsync(bob);

        var result = await connection.Connection.InvokeAsync<JsonElement>("Resume", 0L);

        Assert.True(result.GetProperty("reload").GetBoolean());
        Assert.Empty(result.GetProperty("notifications").EnumerateArray());
        Assert.Equal(MaxReplay + 2, result.GetProperty("position").GetInt64());
    }

    [Fact]
    public async Task AClientExactlyAtTheReplayLimitIsReplayed()
    {
        var bob = Users.New("bob");
        await app.SendManyAsync("alice", bob, MaxReplay);
        await using var connection = await app.ConnectAsync(bob);

        var result = await connection.Connection.InvokeAsync<JsonElement>("Resume", 0L);

        Assert.False(result.GetProperty("reload").GetBoolean());
        Assert.Equal(MaxReplay, result.GetProperty("notifications").GetArrayLength());
    }

    [Fact]
    public async Task APositionTheStreamNeverReachedIsToldToReload()
    {
        var bob = Users.New("bob");
        await app.SendManyAsync("alice", bob, 3);
        await using var connection = await app.ConnectAsync(bob);

        var result = await connection.Connection.InvokeAsync<JsonElement>("Resume", 100L);

        Assert.True(result.GetProperty("reload").GetBoolean());
        Assert.Equal(3, result.GetProperty("position").GetInt64());
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public async Task ANegativePositionIsToldToReloadAndLeavesNoErrorInTheLog(long after)
    {
        var bob = Users.New("bob");
        await app.SendManyAsync("alice", bob, 2);
        await using var connection = await app.ConnectAsync(bob);

        var result = await connection.Connection.InvokeAsync<JsonElement>("Resume", after);
        var next = await connection.Connection.InvokeAsync<JsonElement>("Resume", 0L);

        Assert.True(result.GetProperty("reload").GetBoolean());
        Assert.Equal(2, result.GetProperty("position").GetInt64());
        Assert.Equal(HubConnectionState.Connected, connection.Connection.State);
        Assert.Equal(2, next.GetProperty("notifications").GetArrayLength());
        Assert.DoesNotContain(app.Logs.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task TheClientGetsWhatItMissedWhenItStartsThenLiveOnesEachOnceInOrder()
    {
        var bob = Users.New("bob");
        var missed = await app.SendManyAsync("alice", bob, 3);
        await using var client = await app.StartClientAsync(bob, startAfter: 0);

        Assert.Equal(missed, client.Received.Select(n => n.Id));

        var live = await app.SendManyAsync("alice", bob, 2);
        await client.WaitUntilAsync(c => c.Received.Count >= 5);

        Assert.Equal(missed.Concat(live), client.Received.Select(n => n.Id));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], client.Received.Select(n => n.Position));
        Assert.Equal(5, client.Client.Position);
    }

    [Fact]
    public async Task AClientStartingFromNowSkipsTheOlderOnesAndGetsTheNewOnes()
    {
        var bob = Users.New("bob");
        await app.SendManyAsync("alice", bob, 3);
        await using var client = await app.StartClientAsync(bob, startAfter: null);

        Assert.Equal(3, client.Client.Position);

        var live = await app.SendAsync("alice", bob, "New");
        await client.WaitUntilAsync(c => c.Received.Count >= 1);

        Assert.Equal(live, Assert.Single(client.Received).Id);
        Assert.Equal(4, client.Client.Position);
    }

    [Fact]
    public async Task TheClientTooFarBehindRaisesReloadAndGoesOnFromTheCurrentPosition()
    {
        var bob = Users.New("bob");
        await app.SendManyAsync("alice", bob, MaxReplay + 1);
        await using var client = await app.StartClientAsync(bob, startAfter: 0);

        Assert.Equal([(long)MaxReplay + 1], client.Reloads);
        Assert.Empty(client.Received);

        var live = await app.SendAsync("alice", bob, "After the reload");
        await client.WaitUntilAsync(c => c.Received.Count >= 1);

        Assert.Equal(live, Assert.Single(client.Received).Id);
        Assert.Equal(MaxReplay + 2, client.Client.Position);
    }
}
