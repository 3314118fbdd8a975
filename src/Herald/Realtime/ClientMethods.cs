namespace Herald.Realtime;

/// <summary>The methods Herald's hub calls on its clients: the hub protocol's vocabulary.</summary>
public static class ClientMethods
{
    /// <summary>A new notification; the argument is the notification's JSON.</summary>
    public const string Notification = "notification";

    /// <summary>
    /// The user's current counts: <c>{"total":N,"unseen":U,"byType":{...},"version":V}</c>;
    /// the one with the higher version is the newer.
    /// </summary>
    public const string UnreadCount = "unreadCount";

    /// <summary>
    /// Notifications were marked read, unread or seen, archived or put back, maybe from another
    /// tab or device: <c>{"state":"archived","ids":[...],"all":false,"type":null,"through":null,"at":"…"}</c>.
    /// It replaces <c>readStateChanged</c>, and comes before the <c>unreadCount</c> it moved.
    /// </summary>
    public const string StateChanged = "stateChanged";

    /// <summary>
    /// Pushes to this connection may have been lost (the node's link to the other nodes was
    /// down and is back): call <c>Resume</c> with the last position you have. No argument; the
    /// current <c>unreadCount</c> follows.
    /// </summary>
    public const string Resync = "resync";
}
