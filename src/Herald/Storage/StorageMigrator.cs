using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.Storage;

/// <summary>
/// Brings Herald's own database to the current schema before anything else starts: it runs in
/// the host's "starting" phase, ahead of every hosted service, the dispatcher included.
/// </summary>
/// <remarks>
/// Several nodes may start at once on one PostgreSQL database: EF Core takes a lock for the
/// migration, so one node applies it and the others find nothing left to do.
/// </remarks>
internal sealed class StorageMigrator<TContext>(IServiceScopeFactory scopes, ILogger<StorageMigrator<TContext>> logger)
    : IHostedLifecycleService
    where TContext : HeraldDbContext
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();

        if (context.Database.IsSqlite())
        {
            CreateSqliteFolder(context.Database.GetConnectionString());
        }

        var history = context.GetService<IHistoryRepository>();
        var before = await AppliedCountAsync(context, history, cancellationToken);
        await context.Database.MigrateAsync(cancellationToken);
        var pending = (await history.GetAppliedMigrationsAsync(cancellationToken)).Count - before;

        if (context.Database.IsSqlite())
        {
            // Write-ahead logging lets readers go on while a send commits; the setting is
            // stored in the file, so once is enough.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        if (pending > 0)
        {
            StorageLog.MigrationsApplied(logger, pending, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>How many migrations the database had before this start; 0 for a new one.</summary>
    private static async Task<int> AppliedCountAsync(
        DbContext context,
        IHistoryRepository history,
        CancellationToken cancellationToken)
    {
        if (context.Database.IsNpgsql())
        {
            // PostgreSQL's provider finds a missing history table by querying it and logs the
            // failure as an error; the table is created first, as the migration would.
            if (!await context.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
            {
                return 0;
            }

            await history.CreateIfNotExistsAsync(cancellationToken);
        }
        else if (!await history.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        return (await history.GetAppliedMigrationsAsync(cancellationToken)).Count;
    }

    private static void CreateSqliteFolder(string? connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;

        if (string.IsNullOrEmpty(file) || file == ":memory:")
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file));

        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
