using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>
/// Herald's own context, used when the host does not bring one of its own; on SQLite, and the
/// base of each other provider's context.
/// </summary>
public class HeraldDbContext : DbContext
{
    public HeraldDbContext(DbContextOptions<HeraldDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own context, which carries that provider's migrations.</summary>
    protected HeraldDbContext(DbContextOptions options)
        : base(options)
    {
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddHeraldModel();
}
