using System.Text.Json;

namespace Herald.Client;

/// <summary>
/// A notification as the hub delivers it. The client keeps its own copies of the hub's
/// messages, so that it depends on the wire format alone and not on the server library.
/// </summary>
public sealed record HeraldNotification
{
    public required Guid Id { get; init; }

    /// <summary>Place in the recipient's stream: 1 for the first, one more for each after it.</summary>
    public required long Position { get; init; }

    public required string Recipient { get; init; }

    public required string Sender { get; init; }

    public required string Type { get; init; }

    public string? Title { get; init; }

    public string? Content { get; init; }

    /// <summary>Where a click leads: a path on the host's site, or an http or https URL.</summary>
    public string? Link { get; init; }

    /// <summary>The JSON object the sender attached, if any.</summary>
    public JsonElement? Data { get; init; }

    public required DateTime CreatedAt { get; init; }

    public DateTime? ReadAt { get; init; }

    /// <summary>When the user was shown it (opened the bell); null while unseen.</summary>
    public DateTime? SeenAt { get; init; }

    /// <summary>When the user archived it; null while it is in the inbox.</summary>
    public DateTime? ArchivedAt { get; init; }
}

/// <summary>The user's counts; a higher version is newer. Archived notifications count nowhere.</summary>
/// <param name="Total">Unread notifications in the inbox.</param>
/// <param name="Unseen">Notifications in the inbox not yet seen: what a badge shows.</param>
/// <param name="ByType">Unread notifications in the inbox by type.</param>
/// <param name="Version">The user's state version.</param>
public sealed record UnreadCount(int Total, int Unseen, IReadOnlyDictionary<string, int> ByType, long Version);

/// <summary>
/// Notifications were marked read, unread or seen, archived or put back, here or on another
/// device.
/// </summary>
/// <param name="State">The state they moved into: one of <see cref="InboxStates"/>.</param>
/// <param name="Ids">The notifications that changed; empty when <paramref name="All"/> is set.</param>
/// <param name="All">
/// Every notification at or below <paramref name="Through"/> (of <paramref name="Type"/>, if
/// given) moved into <paramref name="State"/>; later ones kept theirs.
/// </param>
/// <param name="Type">The type that "all" was limited to, if any.</param>
/// <param name="Through">With <paramref name="All"/>, the highest stream position it reached.</param>
/// <param name="At">The read, seen or archived time written; null for unread and unarchived.</param>
public sealed record StateChange(
    string State,
    IReadOnlyList<Guid> Ids,
    bool All,
    string? Type,
    long? Through,
    DateTime? At);

/// <summary>
/// The values of <see cref="StateChange.State"/>. It stays a string, so that a state added by a
/// newer server reaches the application instead of failing the message.
/// </summary>
public static class InboxStates
{
    public const string Read = "read";

    public const string Unread = "unread";

    public const string Seen = "seen";

    public const string Archived = "archived";

    public const string Unarchived = "unarchived";
}

/// <summary>The hub's answer to a resume: what was missed, or a request to reload.</summary>
internal sealed record ResumeResult(IReadOnlyList<HeraldNotification> Notifications, long Position, bool Reload);
