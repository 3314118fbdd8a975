using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herald;

/// <summary>Chooses where Herald stores its notifications; returned by <c>AddHerald</c>.</summary>
public sealed class HeraldBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    /// <summary>
    /// Stores Herald's tables in a SQLite file of its own. The file and its folder are created
    /// on first start, and the schema migrations are applied at every start.
    /// </summary>
    /// <param name="connectionString">For example <c>Data Source=herald.db</c>.</param>
    public HeraldBuilder UseSqlite(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);

        Services.AddDbContext<HeraldDbContext>(options => options.UseSqlite(
            connectionString,
            sqlite => sqlite.MigrationsAssembly(typeof(HeraldDbContext).Assembly.FullName)));
        Services.AddScoped(sp => new HeraldStore(sp.GetRequiredService<HeraldDbContext>()));
        Services.AddHostedService<StorageMigrator>();
        return this;
    }
}
