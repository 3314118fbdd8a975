namespace Herald.Inbox;

/// <summary>What a committed change of inbox state did, as pushed to the user's connections.</summary>
/// <param name="State">The state the notifications moved into.</param>
/// <param name="Ids">
/// The notifications whose state changed, and only those (not ones already in that state);
/// empty when <paramref name="All"/> is set.
/// </param>
/// <param name="All">
/// Every notification at or below <paramref name="Through"/> (of <paramref name="Type"/>, if
/// given) that was not in <paramref name="State"/> moved into it.
/// </param>
/// <param name="Type">The type that "all" was limited to, if any.</param>
/// <param name="Through">
/// With <paramref name="All"/>, the highest stream position the change reached: the position the
/// client asked for, or the stream's head when the change was made. A notification after it kept
/// its state. Null when <paramref name="Ids"/> lists the changes.
/// </param>
/// <param name="At">
/// The time written (<c>readAt</c>, <c>seenAt</c> or <c>archivedAt</c>), UTC; null for
/// <see cref="InboxState.Unread"/> and <see cref="InboxState.Unarchived"/>.
/// </param>
public sealed record StateChange(
    InboxState State,
    IReadOnlyList<Guid> Ids,
    bool All,
    string? Type,
    long? Through,
    DateTime? At);
