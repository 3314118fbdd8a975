namespace ApprovalFlow;

/// <summary>Something a user asked for and someone else decides on, once.</summary>
public sealed class ApprovalRequest
{
    public int Id { get; set; }

    public required string Title { get; set; }

    /// <summary>The user id of who asked; the decision is sent to them.</summary>
    public required string RequestedBy { get; set; }

    /// <summary>One of <see cref="RequestStatus"/>; open until the first decision.</summary>
    public string Status { get; set; } = RequestStatus.Open;

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }
}
