namespace ApprovalFlow;

/// <summary>The audit trail: who decided what on which request, and when.</summary>
public sealed class Decision
{
    public int Id { get; set; }

    public int RequestId { get; set; }

    /// <summary><see cref="RequestStatus.Approved"/> or <see cref="RequestStatus.Rejected"/>.</summary>
    public required string Verdict { get; set; }

    public required string DecidedBy { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}
