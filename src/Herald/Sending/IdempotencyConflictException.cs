namespace Herald.Sending;

/// <summary>An idempotency key came back with notifications other than the ones it was first sent with.</summary>
public sealed class IdempotencyConflictException(string idempotencyKey)
    : Exception($"The idempotency key '{idempotencyKey}' was used before with other notifications; nothing was stored.")
{
    public string IdempotencyKey { get; } = idempotencyKey;
}
