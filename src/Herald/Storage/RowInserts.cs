using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>
/// Writes a send's rows with one INSERT statement per table, whatever the batch size: the
/// providers' own saving issues one statement per row on SQLite.
/// </summary>
internal static class RowInserts
{
    public static Task<int> NotificationsAsync(HeraldStore store, IReadOnlyList<StoredNotification> rows, CancellationToken cancellationToken) =>
        InsertAsync(
            store,
            "herald_notifications (id, recipient, position, sender, type, title, content, link, data, created_at, read_at)",
            rows,
            n => [n.Id, n.Recipient, n.Position, n.Sender, n.Type, n.Title, n.Content, n.Link, n.Data, n.CreatedAt, n.ReadAt],
            cancellationToken);

    public static Task<int> OutboxAsync(HeraldStore store, IReadOnlyList<OutboxEntry> rows, CancellationToken cancellationToken) =>
        InsertAsync(
            store,
            "herald_outbox (notification_id, channel, state, attempts, available_at, created_at)",
            rows,
            o => [o.NotificationId, o.Channel, (int)o.State, o.Attempts, o.AvailableAt, o.CreatedAt],
            cancellationToken);

    public static Task<int> FanOutAsync(HeraldStore store, FanOut row, CancellationToken cancellationToken) =>
        InsertAsync(
            store,
            "herald_fanouts (id, topic, sender, type, title, content, link, data, created_at, recipients)",
            [row],
            f => [f.Id, f.Topic, f.Sender, f.Type, f.Title, f.Content, f.Link, f.Data, f.CreatedAt, f.Recipients],
            cancellationToken);

    /// <summary>
    /// Inserts the rows in one statement and returns how many went in; <paramref name="onConflict"/>,
    /// such as <c>ON CONFLICT (recipient) DO NOTHING</c>, follows the values when given.
    /// </summary>
    public static async Task<int> InsertAsync<T>(
        HeraldStore store,
        string tableAndColumns,
        IReadOnlyList<T> rows,
        Func<T, object?[]> values,
        CancellationToken cancellationToken,
        string? onConflict = null)
    {
        // Every value travels as a parameter, mapped to the column's type by the provider.
        var arguments = rows.SelectMany(values).ToArray();
        var perRow = arguments.Length / rows.Count;
        var tuples = Enumerable.Range(0, rows.Count).Select(row =>
            "(" + string.Join(", ", Enumerable.Range(row * perRow, perRow).Select(i => $"{{{i}}}")) + ")");
        var sql = FormattableStringFactory.Create(
            $"INSERT INTO {tableAndColumns} VALUES {string.Join(", ", tuples)} {onConflict}".TrimEnd(),
            arguments);

        return await store.Context.Database.ExecuteSqlAsync(sql, cancellationToken);
    }
}
