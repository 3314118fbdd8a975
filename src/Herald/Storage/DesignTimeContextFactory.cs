using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Herald.Storage;

/// <summary>Lets the EF Core tools build Herald's SQLite context to write migrations, without a host.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<HeraldDbContext>
{
    public HeraldDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HeraldDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>The same for the PostgreSQL context; writing a migration does not connect.</summary>
internal sealed class PostgresDesignTimeContextFactory : IDesignTimeDbContextFactory<HeraldPostgresDbContext>
{
    public HeraldPostgresDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HeraldPostgresDbContext>().UseNpgsql("Host=localhost;Database=herald").Options);
}
