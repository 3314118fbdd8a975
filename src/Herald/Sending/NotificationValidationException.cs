namespace Herald.Sending;

/// <summary>Thrown when a batch breaks a rule; nothing of the batch was stored.</summary>
public sealed class NotificationValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The notifications are not valid: " + string.Join("; ", errors.Keys))
{
    /// <summary>The problems found, keyed by field path such as <c>notifications[3].title</c>.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
