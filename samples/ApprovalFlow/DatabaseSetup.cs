using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow;

/// <summary>Where the sample's SQLite file lives, and bringing it up to date at start.</summary>
public static class DatabaseSetup
{
    /// <summary>The id of the request the sample starts with.</summary>
    public const int SampleRequestId = 42;

    /// <summary>A relative file name is taken from the content root, not the working directory.</summary>
    public static string InContentRoot(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        return builder.ToString();
    }

    /// <summary>
    /// Applies the sample's migrations, which create its own tables and Herald's, and adds
    /// request 42 when it is missing.
    /// </summary>
    /// <remarks>
    /// It must run before the app does: Herald's outbox dispatcher starts with the app and reads
    /// its table straight away.
    /// </remarks>
    public static async Task PrepareDatabaseAsync(
        this WebApplication app,
        CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalDb>();
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);

        await db.Database.MigrateAsync(cancellationToken);

        // Write-ahead logging lets the dispatcher and inbox reads go on while a decision
        // commits, as in Herald's own file; SQLite keeps the setting in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        if (!await db.Requests.AnyAsync(r => r.Id == SampleRequestId, cancellationToken))
        {
            db.Requests.Add(new ApprovalRequest
            {
                Id = SampleRequestId,
                Title = "Travel to Lisbon",
                RequestedBy = "bob",
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
