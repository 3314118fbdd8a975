namespace Herald.Inbox;

/// <summary>Told of every committed change of inbox state, to let the user's other devices know.</summary>
public interface IInboxObserver
{
    /// <summary>Called after the commit; must not throw for a delivery problem.</summary>
    Task StateChangedAsync(string user, StateChange change, UnreadCount count, CancellationToken cancellationToken);
}
