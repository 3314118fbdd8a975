namespace Herald.Sending;

/// <summary>Sends notifications from the host application's own code.</summary>
public interface INotificationSender
{
    /// <summary>
    /// Validates the batch, stores it whole in one transaction and queues its delivery; the push
    /// runs after the commit, in the background. When a transaction is open on Herald's context
    /// (the host's own, with <c>UseEntityFramework</c>), the batch joins it. Returns the stored
    /// ids in the batch's order.
    /// </summary>
    /// <exception cref="NotificationValidationException">A notification or an option breaks a rule; nothing was stored.</exception>
    /// <exception cref="IdempotencyConflictException">The key was used before for other notifications; nothing was stored.</exception>
    Task<SendResult> SendAsync(
        IEnumerable<NotificationMessage> notifications,
        SendOptions options,
        CancellationToken cancellationToken = default);

    /// <summary>Sends a batch without an idempotency key.</summary>
    Task<SendResult> SendAsync(IEnumerable<NotificationMessage> notifications, CancellationToken cancellationToken = default) =>
        SendAsync(notifications, SendOptions.None, cancellationToken);

    /// <summary>
    /// Sends one notification to every subscriber of <paramref name="topic"/>. The send is
    /// stored as one row, in the caller's transaction when one is open; after the commit the
    /// dispatcher gives each subscriber a notification of their own, in batches. Who receives it
    /// is whoever is subscribed when the fan-out reaches them. The message names no recipient.
    /// </summary>
    /// <exception cref="NotificationValidationException">The topic or the message breaks a rule; nothing was stored.</exception>
    /// <exception cref="IdempotencyConflictException">The key was used before for another send; nothing was stored.</exception>
    Task<FanOutResult> SendToTopicAsync(
        string topic,
        NotificationMessage notification,
        SendOptions options,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends one notification to every user Herald knows, the same way as a topic send: every
    /// user with a stream when the fan-out reaches them, that is, anyone who has received a
    /// notification, connected to the hub or subscribed to a topic. A user first seen later
    /// does not get it.
    /// </summary>
    /// <exception cref="NotificationValidationException">The message breaks a rule; nothing was stored.</exception>
    /// <exception cref="IdempotencyConflictException">The key was used before for another send; nothing was stored.</exception>
    Task<FanOutResult> BroadcastAsync(
        NotificationMessage notification,
        SendOptions options,
        CancellationToken cancellationToken = default);
}

/// <summary>How a send is made.</summary>
public sealed record SendOptions
{
    /// <summary>No idempotency key.</summary>
    public static SendOptions None { get; } = new();

    /// <summary>
    /// Makes the send safe to retry: a second send with the same key from the same caller stores
    /// and pushes nothing and returns the first send's ids; with other notifications it is
    /// refused. Keys never expire. Up to 200 printable ASCII characters, no commas.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Whose key it is, so that two callers' keys never meet. Over HTTP it is the signed-in
    /// caller; in the host's own code it defaults to the application itself.
    /// </summary>
    public string? Caller { get; init; }
}

/// <summary>What a send to a topic or to every user stored.</summary>
/// <param name="Id">The fan-out's id; each recipient's notification has an id of its own.</param>
/// <param name="Replayed">True when the idempotency key was seen before: the id is the first send's.</param>
public sealed record FanOutResult(Guid Id, bool Replayed = false);

/// <summary>What a send stored.</summary>
/// <param name="Ids">The ids of the stored notifications, in the order they were given.</param>
/// <param name="Replayed">True when the idempotency key was seen before: the ids are the first send's, and nothing new was stored.</param>
public sealed record SendResult(IReadOnlyList<Guid> Ids, bool Replayed = false);
