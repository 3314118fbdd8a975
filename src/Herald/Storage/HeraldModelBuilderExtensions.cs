using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Herald.Storage;

/// <summary>Adds Herald's tables to a model, Herald's own context or a host application's.</summary>
public static class HeraldModelBuilderExtensions
{
    /// <summary>Maximum length of a user id (recipient or sender).</summary>
    public const int UserIdMaxLength = 256;

    /// <summary>Maximum length of a topic name.</summary>
    public const int TopicMaxLength = 200;

    /// <summary>Maximum length of a send's idempotency key.</summary>
    public const int IdempotencyKeyMaxLength = 200;

    /// <summary>
    /// Maps Herald's entities. Call it from <c>OnModelCreating</c> of the context that is to hold
    /// Herald's tables; table and column names are lower snake case with a <c>herald_</c> prefix.
    /// </summary>
    public static ModelBuilder AddHeraldModel(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        // Timestamps are UTC everywhere; providers that drop the kind get it back on read.
        var utc = new ValueConverter<DateTime, DateTime>(
            v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var utcOrNull = new ValueConverter<DateTime?, DateTime?>(
            v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);

        modelBuilder.Entity<StoredNotification>(n =>
        {
            n.ToTable("herald_notifications");
            n.HasKey(x => x.Id);
            n.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            n.Property(x => x.Recipient).HasColumnName("recipient").HasMaxLength(UserIdMaxLength);
            n.Property(x => x.Position).HasColumnName("position");
            n.Property(x => x.Sender).HasColumnName("sender").HasMaxLength(UserIdMaxLength);
            n.Property(x => x.Type).HasColumnName("type").HasMaxLength(64);
            n.Property(x => x.Title).HasColumnName("title").HasMaxLength(200);
            n.Property(x => x.Content).HasColumnName("content").HasMaxLength(4000);
            n.Property(x => x.Link).HasColumnName("link").HasMaxLength(2048);
            n.Property(x => x.Data).HasColumnName("data");
            n.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(utc);
            n.Property(x => x.ReadAt).HasColumnName("read_at").HasConversion(utcOrNull);
            n.Property(x => x.SeenAt).HasColumnName("seen_at").HasConversion(utcOrNull);
            n.Property(x => x.ArchivedAt).HasColumnName("archived_at").HasConversion(utcOrNull);

            // The stream: newest-first inbox pages, resume after a position, and uniqueness.
            n.HasIndex(x => new { x.Recipient, x.Position }, "ix_herald_notifications_recipient_position")
                .IsUnique();

            // Inbox filtered by type.
            n.HasIndex(x => new { x.Recipient, x.Type, x.Position }, "ix_herald_notifications_recipient_type_position");

            // Unread pages, archived or not, and read-all read only unread rows.
            n.HasIndex(x => new { x.Recipient, x.Position }, "ix_herald_notifications_unread_position")
                .HasFilter("read_at IS NULL");

            // The unread counts by type read only unread rows in the inbox: the filter is the
            // count's own, so archiving takes a row out of it.
            n.HasIndex(x => new { x.Recipient, x.Type }, "ix_herald_notifications_unread_type")
                .HasFilter("read_at IS NULL AND archived_at IS NULL");

            // "Seen through a position" and the unseen count read only unseen rows, not the
            // user's whole history at every opening of the bell. Seen marks archived rows too,
            // so archived_at stays out of the filter; the count checks it on unseen rows alone.
            n.HasIndex(x => new { x.Recipient, x.Position }, "ix_herald_notifications_unseen_position")
                .HasFilter("seen_at IS NULL");

            // The archived list: rows enter only when archived, so sends never write to it.
            n.HasIndex(x => new { x.Recipient, x.Position }, "ix_herald_notifications_archived_position")
                .HasFilter("archived_at IS NOT NULL");
        });

        modelBuilder.Entity<RecipientStream>(s =>
        {
            s.ToTable("herald_streams");
            s.HasKey(x => x.Recipient);
            s.Property(x => x.Recipient).HasColumnName("recipient").HasMaxLength(UserIdMaxLength);
            s.Property(x => x.LastPosition).HasColumnName("last_position");
            s.Property(x => x.Version).HasColumnName("version");
        });

        modelBuilder.Entity<OutboxEntry>(o =>
        {
            o.ToTable("herald_outbox");
            o.HasKey(x => x.Id);
            o.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            o.Property(x => x.NotificationId).HasColumnName("notification_id");
            o.Property(x => x.Channel).HasColumnName("channel").HasMaxLength(32);
            o.Property(x => x.State).HasColumnName("state");
            o.Property(x => x.Attempts).HasColumnName("attempts");
            o.Property(x => x.AvailableAt).HasColumnName("available_at").HasConversion(utc);
            o.Property(x => x.ClaimToken).HasColumnName("claim_token");
            o.Property(x => x.ClaimedUntil).HasColumnName("claimed_until").HasConversion(utcOrNull);
            o.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(utc);
            o.Property(x => x.DeliveredAt).HasColumnName("delivered_at").HasConversion(utcOrNull);
            o.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(2000);

            o.HasOne<StoredNotification>()
                .WithMany()
                .HasForeignKey(x => x.NotificationId)
                .OnDelete(DeleteBehavior.Cascade);

            // The dispatcher's claim scans pending entries in id order.
            o.HasIndex(x => new { x.State, x.Id }, "ix_herald_outbox_state_id");
            o.HasIndex(x => x.NotificationId, "ix_herald_outbox_notification");

            // A pass reads back what it just claimed by its token; only claimed rows are in it.
            o.HasIndex(x => x.ClaimToken, "ix_herald_outbox_claim").HasFilter("claim_token IS NOT NULL");
        });

        modelBuilder.Entity<SendKey>(k =>
        {
            k.ToTable("herald_send_keys");
            k.HasKey(x => new { x.Caller, x.IdempotencyKey });
            k.Property(x => x.Caller).HasColumnName("caller").HasMaxLength(UserIdMaxLength + 8);
            k.Property(x => x.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(IdempotencyKeyMaxLength);
            k.Property(x => x.RequestHash).HasColumnName("request_hash").HasMaxLength(64);
            k.Property(x => x.NotificationIds).HasColumnName("notification_ids");
            k.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(utc);
        });

        modelBuilder.Entity<TopicSubscription>(t =>
        {
            t.ToTable("herald_topic_subscriptions");
            t.HasKey(x => new { x.Topic, x.UserId });
            t.Property(x => x.Topic).HasColumnName("topic").HasMaxLength(TopicMaxLength);
            t.Property(x => x.UserId).HasColumnName("user_id").HasMaxLength(UserIdMaxLength);
            t.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(utc);

            // A user's own topics.
            t.HasIndex(x => x.UserId, "ix_herald_topic_subscriptions_user");
        });

        modelBuilder.Entity<FanOut>(f =>
        {
            f.ToTable("herald_fanouts");
            f.HasKey(x => x.Id);
            f.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            f.Property(x => x.Topic).HasColumnName("topic").HasMaxLength(TopicMaxLength);
            f.Property(x => x.Sender).HasColumnName("sender").HasMaxLength(UserIdMaxLength);
            f.Property(x => x.Type).HasColumnName("type").HasMaxLength(64);
            f.Property(x => x.Title).HasColumnName("title").HasMaxLength(200);
            f.Property(x => x.Content).HasColumnName("content").HasMaxLength(4000);
            f.Property(x => x.Link).HasColumnName("link").HasMaxLength(2048);
            f.Property(x => x.Data).HasColumnName("data");
            f.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(utc);
            f.Property(x => x.Cursor).HasColumnName("cursor").HasMaxLength(UserIdMaxLength);
            f.Property(x => x.Recipients).HasColumnName("recipients");
            f.Property(x => x.CompletedAt).HasColumnName("completed_at").HasConversion(utcOrNull);
            f.Property(x => x.ClaimToken).HasColumnName("claim_token");
            f.Property(x => x.ClaimedUntil).HasColumnName("claimed_until").HasConversion(utcOrNull);

            // The dispatcher looks for unfinished fan-outs at every pass.
            f.HasIndex(x => x.CreatedAt, "ix_herald_fanouts_open").HasFilter("completed_at IS NULL");
        });

        return modelBuilder;
    }
}
