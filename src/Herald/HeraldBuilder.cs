using System.Data.Common;
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

        Services.AddDbContext<HeraldDbContext>((services, options) => options
            .UseSqlite(
                PrepareSqliteConnectionString(connectionString, services.GetService<IHostEnvironment>()?.ContentRootPath),
                sqlite => sqlite.MigrationsAssembly(typeof(HeraldDbContext).Assembly.FullName))
            .AddInterceptors(new SqliteConnectionSetup()));
        Services.AddHostedService<StorageMigrator>();
        return UseEntityFramework<HeraldDbContext>();
    }

    /// <summary>
    /// Stores Herald's tables in the host application's own context, so that a send joins the
    /// transaction of the business change it belongs to: it is stored if and only if that
    /// transaction commits, and pushed only after the commit.
    /// </summary>
    /// <remarks>
    /// The context must call <c>modelBuilder.AddHeraldModel()</c> in <c>OnModelCreating</c>,
    /// and the host's own migrations create Herald's tables. Register the context with
    /// <c>AddDbContext</c> as usual, before or after this call.
    /// </remarks>
    public HeraldBuilder UseEntityFramework<TContext>()
        where TContext : DbContext
    {
        // Added to the host's options, wherever those are set: the dispatcher wakes when a
        // transaction that carries sends commits.
        Services.ConfigureDbContext<TContext>((services, options) =>
            options.AddInterceptors(services.GetRequiredService<CommitSignalInterceptor>()));
        Services.AddScoped(services => new HeraldStore(services.GetRequiredService<TContext>()));
        Services.AddHealthChecks().AddDbContextCheck<TContext>("herald-storage", tags: [HeraldHealth.ReadyTag]);
        return this;
    }

    /// <summary>
    /// A relative file name is taken from the content root, not the working directory; and a
    /// write waits at most 10 seconds for the file's lock unless the connection string says
    /// otherwise (<c>Default Timeout</c>), after which the request is answered 503.
    /// </summary>
    private static string PrepareSqliteConnectionString(string connectionString, string? contentRoot)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.DataSource;

        if (!given.ContainsKey("Default Timeout") && !given.ContainsKey("Command Timeout"))
        {
            builder.DefaultTimeout = 10;
        }

        if (contentRoot is not null && !string.IsNullOrEmpty(file) && file != ":memory:"
            && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && !Path.IsPathRooted(file))
        {
            builder.DataSource = Path.Combine(contentRoot, file);
        }

        return builder.ToString();
    }
}
