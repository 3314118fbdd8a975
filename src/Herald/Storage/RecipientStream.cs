namespace Herald.Storage;

/// <summary>
/// One row per recipient: the last position handed out in their stream and a version that
/// grows with every change to their notifications (new ones, read state).
/// </summary>
/// <remarks>
/// Every send and every read-state change updates this row first, inside its transaction.
/// The row lock that this takes orders concurrent transactions for one recipient, so positions
/// are handed out in commit order and the version never goes backwards.
/// </remarks>
public sealed class RecipientStream
{
    public required string Recipient { get; set; }

    public long LastPosition { get; set; }

    public long Version { get; set; }
}
