using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>Hands out stream positions and state versions, inside the caller's transaction.</summary>
internal static class StreamPositions
{
    /// <summary>
    /// Reserves <c>count</c> new positions for each recipient in one statement and returns each
    /// recipient's new last position; the reserved ones end there.
    /// </summary>
    /// <remarks>
    /// The upsert locks each recipient's stream row until the transaction ends, so a second
    /// transaction for the same recipient waits and takes the next positions: positions are
    /// given in commit order. Rows are touched in ordinal order of the recipient id, so two
    /// batches that share recipients cannot deadlock.
    /// </remarks>
    public static async Task<Dictionary<string, long>> ReserveAsync(
        HeraldStore store,
        IReadOnlyDictionary<string, int> countsByRecipient,
        CancellationToken cancellationToken)
    {
        var recipients = countsByRecipient.Keys.Order(StringComparer.Ordinal).ToList();
        var parameters = new object[recipients.Count * 2];

        for (var i = 0; i < recipients.Count; i++)
        {
            parameters[2 * i] = recipients[i];
            parameters[2 * i + 1] = (long)countsByRecipient[recipients[i]];
        }

        var values = string.Join(", ", recipients.Select((_, i) => $"({{{2 * i}}}, {{{2 * i + 1}}}, 1)"));
        var sql = "INSERT INTO herald_streams (recipient, last_position, version) VALUES " + values
            + " ON CONFLICT (recipient) DO UPDATE SET"
            + " last_position = herald_streams.last_position + excluded.last_position,"
            + " version = herald_streams.version + 1"
            + " RETURNING recipient AS \"Recipient\", last_position AS \"LastPosition\"";

        var rows = await store.Context.Database
            .SqlQueryRaw<StreamRow>(sql, parameters)
            .ToListAsync(cancellationToken);

        return rows.ToDictionary(r => r.Recipient, r => r.LastPosition, StringComparer.Ordinal);
    }

    /// <summary>
    /// Makes the user known to Herald, with an empty stream, unless the user already has one:
    /// a send to every user reaches the users that have a stream.
    /// </summary>
    public static async Task EnsureAsync(HeraldStore store, IReadOnlyCollection<string> users, CancellationToken cancellationToken)
    {
        if (users.Count > 0)
        {
            var ordered = users.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            await RowInserts.InsertAsync(
                store,
                "herald_streams (recipient, last_position, version)",
                ordered,
                user => [user, 0L, 0L],
                cancellationToken,
                onConflict: "ON CONFLICT (recipient) DO NOTHING");
        }
    }

    /// <summary>Moves a recipient's state version on, inside the caller's transaction.</summary>
    public static Task BumpVersionAsync(HeraldStore store, string recipient, CancellationToken cancellationToken) =>
        store.Streams
            .Where(s => s.Recipient == recipient)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), cancellationToken);

    private sealed record StreamRow(string Recipient, long LastPosition);
}
