using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Herald.Storage;

/// <summary>Lets the EF Core tools build Herald's context to write migrations, without a host.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<HeraldDbContext>
{
    public HeraldDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HeraldDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
