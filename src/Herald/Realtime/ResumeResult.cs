using Herald.Inbox;

namespace Herald.Realtime;

/// <summary>The hub's answer to <c>Resume</c>.</summary>
/// <param name="Notifications">What came after the client's position, oldest first.</param>
/// <param name="Position">The position the client stands at once it has applied this answer.</param>
/// <param name="Reload">
/// The client is too far behind to be replayed (or at a position the stream never reached): it
/// reloads its inbox over HTTP and goes on from <paramref name="Position"/>.
/// </param>
public sealed record ResumeResult(IReadOnlyList<NotificationView> Notifications, long Position, bool Reload);
