namespace Herald.Sending;

/// <summary>Sends notifications from the host application's own code.</summary>
public interface INotificationSender
{
    /// <summary>
    /// Validates the batch, stores it whole in one transaction and queues its delivery; the push
    /// runs after the commit, in the background. Returns the stored ids in the batch's order.
    /// </summary>
    /// <exception cref="NotificationValidationException">A notification breaks a rule; nothing was stored.</exception>
    Task<SendResult> SendAsync(IEnumerable<NotificationMessage> notifications, CancellationToken cancellationToken = default);
}

/// <summary>What a send stored.</summary>
/// <param name="Ids">The ids of the stored notifications, in the order they were given.</param>
public sealed record SendResult(IReadOnlyList<Guid> Ids);
