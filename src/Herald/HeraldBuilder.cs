using Herald.Delivery;
using Herald.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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

        Services.AddDbContext<HeraldDbContext>((services, options) => options.UseSqlite(
            RootSqlitePath(connectionString, services.GetService<IHostEnvironment>()?.ContentRootPath),
            sqlite => sqlite.MigrationsAssembly(typeof(HeraldDbContext).Assembly.FullName))
            .AddInterceptors(services.GetRequiredService<CommitSignalInterceptor>(), new SqliteConnectionSetup()));
        Services.AddScoped(sp => new HeraldStore(sp.GetRequiredService<HeraldDbContext>()));
        Services.AddHostedService<StorageMigrator>();
        return this;
    }

    /// <summary>A relative file name is taken from the content root, not the working directory.</summary>
    private static string RootSqlitePath(string connectionString, string? contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.DataSource;

        if (contentRoot is null || string.IsNullOrEmpty(file) || file == ":memory:"
            || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(file))
        {
            return connectionString;
        }

        builder.DataSource = Path.Combine(contentRoot, file);
        return builder.ToString();
    }
}
