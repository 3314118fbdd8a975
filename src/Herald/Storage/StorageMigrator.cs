using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.Storage;

/// <summary>
/// Brings Herald's own database to the current schema before anything else starts: it runs in
/// the host's "starting" phase, ahead of every hosted service, the dispatcher included.
/// </summary>
internal sealed class StorageMigrator(IServiceScopeFactory scopes, ILogger<StorageMigrator> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<HeraldDbContext>();

        if (context.Database.IsSqlite())
        {
            CreateSqliteFolder(context.Database.GetConnectionString());
        }

        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        await context.Database.MigrateAsync(cancellationToken);

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
