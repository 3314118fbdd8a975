namespace Herald.Storage;

/// <summary>
/// A pending delivery of one stored notification over one channel, written in the same
/// transaction as the notification (a transactional outbox).
/// </summary>
public sealed class OutboxEntry
{
    public long Id { get; set; }

    public Guid NotificationId { get; set; }

    /// <summary>The channel that delivers it, such as <c>inapp</c>.</summary>
    public required string Channel { get; set; }

    public OutboxState State { get; set; }

    /// <summary>Delivery attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Not to be tried before this moment, UTC (backoff after a failure).</summary>
    public DateTime AvailableAt { get; set; }

    /// <summary>The dispatcher pass that holds this entry, while it holds it.</summary>
    public Guid? ClaimToken { get; set; }

    /// <summary>When the claim lapses, UTC: a dispatcher that died lets go by then.</summary>
    public DateTime? ClaimedUntil { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? DeliveredAt { get; set; }

    /// <summary>The last failure's message, kept for operators.</summary>
    public string? LastError { get; set; }
}

/// <summary>Where an outbox entry stands.</summary>
public enum OutboxState
{
    /// <summary>Waiting to be delivered, or to be tried again.</summary>
    Pending = 0,

    /// <summary>Delivered; removed by the cleanup after the retention period.</summary>
    Delivered = 1,

    /// <summary>Failed too many times; kept with its last error, not tried again.</summary>
    Dead = 2,
}
