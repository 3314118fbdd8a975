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
}

/// <summary>The user's unread counts; a higher version is newer.</summary>
public sealed record UnreadCount(int Total, IReadOnlyDictionary<string, int> ByType, long Version);

/// <summary>Notifications were marked read or unread, maybe on another device.</summary>
/// <param name="Read">True when marked read, false when marked unread.</param>
/// <param name="Ids">The notifications that changed; empty when <paramref name="All"/> is set.</param>
/// <param name="All">Every unread notification (of <paramref name="Type"/>, if given) was marked read.</param>
/// <param name="Type">The type that "all" was limited to, if any.</param>
/// <param name="ReadAt">When they were read; null when marked unread.</param>
public sealed record ReadStateChange(bool Read, IReadOnlyList<Guid> Ids, bool All, string? Type, DateTime? ReadAt);

/// <summary>The hub's answer to a resume: what was missed, or a request to reload.</summary>
internal sealed record ResumeResult(IReadOnlyList<HeraldNotification> Notifications, long Position, bool Reload);
