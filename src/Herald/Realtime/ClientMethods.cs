namespace Herald.Realtime;

/// <summary>The methods Herald's hub calls on its clients: the hub protocol's vocabulary.</summary>
public static class ClientMethods
{
    /// <summary>A new notification; the argument is the notification's JSON.</summary>
    public const string Notification = "notification";

    /// <summary>The user's current unread counts: <c>{"total":N,"byType":{...},"version":V}</c>.</summary>
    public const string UnreadCount = "unreadCount";

    /// <summary>Notifications were marked read or unread, maybe from another tab or device.</summary>
    public const string ReadStateChanged = "readStateChanged";
}
