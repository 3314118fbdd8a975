namespace Herald.Storage;

/// <summary>A notification as Herald stores it: one row per recipient.</summary>
public sealed class StoredNotification
{
    /// <summary>Time-ordered identifier (UUID version 7).</summary>
    public Guid Id { get; set; }

    /// <summary>The user id this notification is for.</summary>
    public required string Recipient { get; set; }

    /// <summary>
    /// Place in the recipient's stream: starts at 1 and only grows, one step per notification.
    /// </summary>
    public long Position { get; set; }

    /// <summary>Who sent it: a user id, or a service name such as <c>system</c>.</summary>
    public required string Sender { get; set; }

    /// <summary>A short token such as <c>approval</c> or <c>comment</c>.</summary>
    public required string Type { get; set; }

    public string? Title { get; set; }

    public string? Content { get; set; }

    /// <summary>Where a click leads: a relative path or an http/https URL.</summary>
    public string? Link { get; set; }

    /// <summary>A JSON object for the client, kept as its raw text.</summary>
    public string? Data { get; set; }

    /// <summary>When it was stored, UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When the recipient read it, UTC; null while unread.</summary>
    public DateTime? ReadAt { get; set; }

    /// <summary>
    /// When the recipient was first shown it (opened the bell with it listed), UTC; null while
    /// unseen. Seen is not read: the badge counts unseen ones, the list marks unread ones.
    /// </summary>
    public DateTime? SeenAt { get; set; }

    /// <summary>When the recipient archived it, UTC; null while it is in the inbox.</summary>
    public DateTime? ArchivedAt { get; set; }
}
