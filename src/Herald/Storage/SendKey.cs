namespace Herald.Storage;

/// <summary>
/// An idempotency key a caller gave with a send, kept with what that send stored. The key is
/// unique per caller and never expires, so a retried send finds the first one's ids.
/// </summary>
public sealed class SendKey
{
    /// <summary>Whose key it is: keys of different callers never meet.</summary>
    public required string Caller { get; set; }

    public required string IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the request as stored, in hex: a reuse with other content is refused.</summary>
    public required string RequestHash { get; set; }

    /// <summary>The ids the first send stored, in its order, comma-separated.</summary>
    public required string NotificationIds { get; set; }

    public DateTime CreatedAt { get; set; }
}
