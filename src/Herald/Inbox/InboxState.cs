using System.Text.Json.Serialization;

namespace Herald.Inbox;

/// <summary>
/// The state a change moved notifications into; on the wire a lower-case word
/// (<c>read</c>, <c>unread</c>, <c>seen</c>, <c>archived</c>, <c>unarchived</c>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<InboxState>))]
public enum InboxState
{
    /// <summary>Marked read: <c>readAt</c> is set.</summary>
    [JsonStringEnumMemberName("read")]
    Read,

    /// <summary>Marked unread again: <c>readAt</c> is null.</summary>
    [JsonStringEnumMemberName("unread")]
    Unread,

    /// <summary>Shown to the user (the bell was opened): <c>seenAt</c> is set. Never undone.</summary>
    [JsonStringEnumMemberName("seen")]
    Seen,

    /// <summary>Moved out of the inbox: <c>archivedAt</c> is set; read state is kept.</summary>
    [JsonStringEnumMemberName("archived")]
    Archived,

    /// <summary>Back in the inbox: <c>archivedAt</c> is null.</summary>
    [JsonStringEnumMemberName("unarchived")]
    Unarchived,
}
