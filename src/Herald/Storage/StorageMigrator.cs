using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Herald.Storage;

/// <summary>
/// Brings Herald's own database to the current schema before anything else starts: it runs in
/// the host's "starting" phase, ahead of every hosted service, the dispatcher included.
/// </summary>
/// <remarks>
/// Several nodes may start at once on one PostgreSQL database. EF Core locks each migration on
/// its own, which lets two nodes apply the later ones of a series twice; so the whole of it,
/// the database's creation included, runs under one advisory lock, and a node that waited for
/// it finds nothing left to do.
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

        var postgres = context.Database.IsNpgsql();

        if (postgres)
        {
            await CreatePostgresDatabaseAsync(context, cancellationToken);
            await context.Database.OpenConnectionAsync(cancellationToken);
            await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
        }

        int pending;

        try
        {
            var history = context.GetService<IHistoryRepository>();
            var before = await AppliedCountAsync(context, history, cancellationToken);
            await context.Database.MigrateAsync(cancellationToken);
            pending = (await history.GetAppliedMigrationsAsync(cancellationToken)).Count - before;
        }
        finally
        {
            if (postgres)
            {
                // Closing the session would release the lock as well; this says so at once.
                await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
                await context.Database.CloseConnectionAsync();
            }
        }

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

    /// <summary>The advisory lock Herald's nodes take to migrate: "HERALD" and a 1, as one bigint.</summary>
    private const long MigrationLock = 0x48_45_52_41_4C_44_00_01;

    /// <summary>Creates the database when it is missing; another node creating it first is fine.</summary>
    private static async Task CreatePostgresDatabaseAsync(DbContext context, CancellationToken cancellationToken)
    {
        var creator = context.GetService<IRelationalDatabaseCreator>();

        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
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
