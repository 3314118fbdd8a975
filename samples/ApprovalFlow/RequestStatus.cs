namespace ApprovalFlow;

/// <summary>The states of an approval request, as stored and as the API shows them.</summary>
public static class RequestStatus
{
    /// <summary>Waiting for a decision.</summary>
    public const string Open = "open";

    public const string Approved = "approved";

    public const string Rejected = "rejected";
}
