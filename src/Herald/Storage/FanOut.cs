namespace Herald.Storage;

/// <summary>
/// A send to many users at once, to a topic's subscribers or to every user, stored as one row
/// in the sender's transaction. The dispatcher then writes one notification per recipient, in
/// batches taken in recipient id order; <see cref="Cursor"/> is the last recipient written.
/// </summary>
public sealed class FanOut
{
    public Guid Id { get; set; }

    /// <summary>The topic whose subscribers receive it; null for every user.</summary>
    public string? Topic { get; set; }

    public required string Sender { get; set; }

    public required string Type { get; set; }

    public string? Title { get; set; }

    public string? Content { get; set; }

    public string? Link { get; set; }

    public string? Data { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The last recipient id written; null before the first batch.</summary>
    public string? Cursor { get; set; }

    /// <summary>How many recipients have their notification so far.</summary>
    public long Recipients { get; set; }

    /// <summary>When the last batch was written; null while recipients remain.</summary>
    public DateTime? CompletedAt { get; set; }

    public Guid? ClaimToken { get; set; }

    public DateTime? ClaimedUntil { get; set; }
}
