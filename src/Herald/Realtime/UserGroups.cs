namespace Herald.Realtime;

/// <summary>
/// Each user's connections join a SignalR group of their own, so a push to one user touches
/// that user's connections only, instead of a scan of every open connection.
/// </summary>
internal static class UserGroups
{
    public static string For(string user) => "herald:user:" + user;
}
