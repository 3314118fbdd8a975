using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>Herald's own context, used when the host does not bring one of its own.</summary>
public sealed class HeraldDbContext(DbContextOptions<HeraldDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddHeraldModel();
}
