using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>
/// The context that holds Herald's tables in the current scope: Herald's own, or the host's
/// when the host maps Herald's model into its context.
/// </summary>
public sealed class HeraldStore
{
    public HeraldStore(DbContext context)
    {
        if (context.Model.FindEntityType(typeof(StoredNotification)) is null)
        {
            throw new InvalidOperationException(
                $"{context.GetType().Name} does not hold Herald's tables: call modelBuilder.AddHeraldModel() "
                + "in its OnModelCreating, and add a migration.");
        }

        Context = context;
    }

    public DbContext Context { get; }

    public DbSet<StoredNotification> Notifications => Context.Set<StoredNotification>();

    public DbSet<RecipientStream> Streams => Context.Set<RecipientStream>();

    public DbSet<OutboxEntry> Outbox => Context.Set<OutboxEntry>();

    public DbSet<SendKey> SendKeys => Context.Set<SendKey>();

    public DbSet<TopicSubscription> TopicSubscriptions => Context.Set<TopicSubscription>();

    public DbSet<FanOut> FanOuts => Context.Set<FanOut>();
}
