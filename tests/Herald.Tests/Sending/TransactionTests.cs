using Herald.Sending;
using Herald.Storage;
using Herald.Tests.Infrastructure;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Sending;

[Trait("Store", "Any")]
public sealed class TransactionTests(HeraldAppFactory app) : IClassFixture<HeraldAppFactory>
{
    [Fact]
    public async Task ASendInATransactionThatRollsBackIsNeitherStoredNorPushed()
    {
        var bob = Users.New("bob");
        await using var connection = await app.ConnectAsync(bob);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<HeraldStore>().Context;
            var sender = scope.ServiceProvider.GetRequiredService<INotificationSender>();
            await using var transaction = await context.Database.BeginTransactionAsync();
            await sender.SendAsync([Message(bob, "Rolled back")]);
            await transaction.RollbackAsync();
        }

        var marker = await app.SendAsync("alice", bob, "After the rollback");
        var first = await connection.NextNotificationAsync();
        using var client = app.ClientFor(bob);
        var count = await client.GetFromJsonAsync<Herald.Inbox.UnreadCount>("/api/notifications/unread-count");

        Assert.Equal(marker, first.Id);
        Assert.Equal(1, first.Position);
        Assert.Equal(1, count!.Total);
    }

    [Fact]
    public async Task ASendInATransactionIsPushedOnceWhenItCommits()
    {
        var bob = Users.New("bob");
        await using var connection = await app.ConnectAsync(bob);
        SendResult result;

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<HeraldStore>().Context;
            var sender = scope.ServiceProvider.GetRequiredService<INotificationSender>();
            await using var transaction = await context.Database.BeginTransactionAsync();
            result = await sender.SendAsync([Message(bob, "Committed")]);
            await transaction.CommitAsync();
        }

        var pushed = await connection.NextNotificationAsync();
        var marker = await app.SendAsync("alice", bob, "Next");
        var next = await connection.NextNotificationAsync();

        Assert.Equal(result.Ids.Single(), pushed.Id);
        Assert.Equal(marker, next.Id);
    }

    private static NotificationMessage Message(string recipient, string title) =>
        new() { Recipient = recipient, Sender = "approvals", Type = "approval", Title = title };
}
