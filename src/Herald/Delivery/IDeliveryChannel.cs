using Herald.Storage;

namespace Herald.Delivery;

/// <summary>
/// One way a stored notification reaches its recipient: the in-app push, and later email,
/// webhook or SMS. The dispatcher hands each channel the notifications it claimed for it.
/// </summary>
public interface IDeliveryChannel
{
    /// <summary>The name stored in outbox entries, such as <c>inapp</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Delivers a batch, ordered by recipient and position. Returns the ids that failed, with
    /// the reason; every other notification counts as delivered.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, string>> DeliverAsync(
        IReadOnlyList<StoredNotification> batch,
        HeraldStore store,
        CancellationToken cancellationToken);
}
