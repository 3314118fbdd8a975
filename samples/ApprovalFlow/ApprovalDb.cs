using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow;

/// <summary>
/// The sample's own database. Herald's tables live in it too, so a decision and the
/// notification that announces it are written on one connection, in one transaction.
/// </summary>
public sealed class ApprovalDb(DbContextOptions<ApprovalDb> options) : DbContext(options)
{
    public DbSet<ApprovalRequest> Requests => Set<ApprovalRequest>();

    public DbSet<Decision> Decisions => Set<Decision>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // User ids fit wherever Herald stores one.
        const int userId = HeraldModelBuilderExtensions.UserIdMaxLength;

        modelBuilder.Entity<ApprovalRequest>(r =>
        {
            r.ToTable("approval_requests");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).HasColumnName("id");
            r.Property(x => x.Title).HasColumnName("title").HasMaxLength(100);
            r.Property(x => x.RequestedBy).HasColumnName("requested_by").HasMaxLength(userId);
            r.Property(x => x.Status).HasColumnName("status").HasMaxLength(16);
            r.Property(x => x.DecidedBy).HasColumnName("decided_by").HasMaxLength(userId);
            r.Property(x => x.DecidedAt).HasColumnName("decided_at");
        });

        modelBuilder.Entity<Decision>(d =>
        {
            d.ToTable("approval_decisions");
            d.HasKey(x => x.Id);
            d.Property(x => x.Id).HasColumnName("id");
            d.Property(x => x.RequestId).HasColumnName("request_id");
            d.Property(x => x.Verdict).HasColumnName("verdict").HasMaxLength(16);
            d.Property(x => x.DecidedBy).HasColumnName("decided_by").HasMaxLength(userId);
            d.Property(x => x.DecidedAt).HasColumnName("decided_at");

            d.HasOne<ApprovalRequest>()
                .WithMany()
                .HasForeignKey(x => x.RequestId)
                .OnDelete(DeleteBehavior.Cascade);
            d.HasIndex(x => x.RequestId, "ix_approval_decisions_request");
        });

        // Herald's notifications, streams, outbox and send keys, in this same database.
        modelBuilder.AddHeraldModel();
    }
}
