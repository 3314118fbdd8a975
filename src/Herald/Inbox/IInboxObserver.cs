namespace Herald.Inbox;

/// <summary>Told of every committed read-state change, to let the user's other devices know.</summary>
public interface IInboxObserver
{
    /// <summary>Called after the commit; must not throw for a delivery problem.</summary>
    Task ReadStateChangedAsync(string user, ReadStateChange change, UnreadCount count, CancellationToken cancellationToken);
}

/// <summary>What a read-state change did, as pushed to the user's connections.</summary>
/// <param name="Read">True when marked read, false when marked unread.</param>
/// <param name="Ids">The notifications whose state changed; empty when <paramref name="All"/> is set.</param>
/// <param name="All">Every unread notification (of <paramref name="Type"/>, if given) was marked read.</param>
/// <param name="Type">The type that "all" was limited to, if any.</param>
/// <param name="ReadAt">The read time written, UTC; null when marked unread.</param>
public sealed record ReadStateChange(bool Read, IReadOnlyList<Guid> Ids, bool All, string? Type, DateTime? ReadAt);
