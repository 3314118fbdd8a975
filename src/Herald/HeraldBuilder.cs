using System.Data.Common;
using Herald.Delivery;
using Herald.Realtime;
using Herald.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Herald;

/// <summary>Chooses where Herald stores its notifications; returned by <c>AddHerald</c>.</summary>
public sealed class HeraldBuilder(IServiceCollection services)
{
    /// <summary>The provider name of the embedded SQLite storage, the default.</summary>
    public const string SqliteProvider = "Sqlite";

    /// <summary>The provider name of the PostgreSQL storage.</summary>
    public const string PostgreSqlProvider = "PostgreSQL";

    /// <summary>The Redis channel prefix unless one is configured.</summary>
    public const string DefaultChannelPrefix = "herald";

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
        Services.AddHostedService<StorageMigrator<HeraldDbContext>>();
        return UseEntityFramework<HeraldDbContext>();
    }

    /// <summary>
    /// Stores Herald's tables in a PostgreSQL database, which several Herald nodes can share.
    /// The database is created if it does not exist, and the schema migrations are applied at
    /// every start.
    /// </summary>
    /// <param name="connectionString">
    /// An Npgsql connection string, for example <c>Host=db;Database=herald;Username=herald;Password=…</c>.
    /// </param>
    public HeraldBuilder UsePostgreSql(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);

        Services.AddDbContext<HeraldPostgresDbContext>(options => options
            .UseNpgsql(
                connectionString,
                npgsql => npgsql.MigrationsAssembly(typeof(HeraldPostgresDbContext).Assembly.FullName))
            .AddInterceptors(new PostgresPoolReset()));
        Services.AddHostedService<StorageMigrator<HeraldPostgresDbContext>>();
        return UseEntityFramework<HeraldPostgresDbContext>();
    }

    /// <summary>
    /// Chooses the storage from configuration: <c>Provider</c> (<c>Sqlite</c>, the default, or
    /// <c>PostgreSQL</c>) and <c>ConnectionString</c>.
    /// </summary>
    /// <param name="storage">The storage section, for example <c>Herald:Storage</c>.</param>
    /// <param name="defaultSqliteConnectionString">Used on SQLite when no connection string is set.</param>
    public HeraldBuilder UseStorage(IConfiguration storage, string defaultSqliteConnectionString = "Data Source=herald.db")
    {
        ArgumentNullException.ThrowIfNull(storage);
        var provider = storage["Provider"];
        var connectionString = storage["ConnectionString"];

        if (string.IsNullOrWhiteSpace(provider) || provider.Equals(SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            return UseSqlite(string.IsNullOrWhiteSpace(connectionString) ? defaultSqliteConnectionString : connectionString);
        }

        if (!provider.Equals(PostgreSqlProvider, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{SettingName(storage, "Provider")} is '{provider}'; use {SqliteProvider} or {PostgreSqlProvider}.");
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{SettingName(storage, "ConnectionString")} must be set when the provider is {PostgreSqlProvider}.");
        }

        return UsePostgreSql(connectionString);
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
    /// Carries pushes between Herald nodes through Redis (SignalR's Redis backplane), so that a
    /// notification dispatched on one node reaches its recipient's connections on every node.
    /// A single node needs none of it.
    /// </summary>
    /// <param name="connectionString">A StackExchange.Redis configuration, for example <c>redis:6379</c>.</param>
    /// <param name="channelPrefix">Keeps this cluster's channels apart from others on the same Redis.</param>
    public HeraldBuilder UseRedis(string connectionString, string channelPrefix = DefaultChannelPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(channelPrefix);

        var backplane = new RedisBackplane(connectionString, channelPrefix);
        Services.AddSingleton(backplane);
        Services.AddSignalR().AddStackExchangeRedis(options =>
        {
            options.Configuration = backplane.Configuration;
            options.ConnectionFactory = backplane.ConnectAsync;
        });
        Services.AddHostedService<BackplaneResync>();
        Services.AddHealthChecks().AddCheck<RedisBackplane.HealthCheck>(
            "herald-redis",
            HealthStatus.Degraded,
            tags: [HeraldHealth.ReadyTag],
            timeout: TimeSpan.FromSeconds(3));
        return this;
    }

    /// <summary>
    /// Calls <see cref="UseRedis"/> when the section sets <c>ConnectionString</c> (and, if it
    /// likes, <c>ChannelPrefix</c>); does nothing otherwise.
    /// </summary>
    /// <param name="redis">The Redis section, for example <c>Herald:Redis</c>.</param>
    public HeraldBuilder UseRedisIfConfigured(IConfiguration redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var connectionString = redis["ConnectionString"];

        return string.IsNullOrWhiteSpace(connectionString)
            ? this
            : UseRedis(connectionString, redis["ChannelPrefix"] is { Length: > 0 } prefix ? prefix : DefaultChannelPrefix);
    }

    private static string SettingName(IConfiguration section, string key) =>
        section is IConfigurationSection { Path: { Length: > 0 } path } ? $"{path}:{key}" : key;

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
