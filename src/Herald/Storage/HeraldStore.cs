using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>
/// The context that holds Herald's tables in the current scope: Herald's own, or the host's
/// when the host maps Herald's model into its context.
/// </summary>
public sealed class HeraldStore(DbContext context)
{
    public DbContext Context { get; } = context;

    public DbSet<StoredNotification> Notifications => Context.Set<StoredNotification>();

    public DbSet<RecipientStream> Streams => Context.Set<RecipientStream>();

    public DbSet<OutboxEntry> Outbox => Context.Set<OutboxEntry>();
}
