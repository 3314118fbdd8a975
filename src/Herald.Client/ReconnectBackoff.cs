using Microsoft.AspNetCore.SignalR.Client;

namespace Herald.Client;

/// <summary>
/// Waits about half a second before the first retry and twice as long before each next one,
/// up to a maximum, and never gives up. Each wait is shortened by a random part of up to a
/// fifth, so that clients that lost the same server do not come back all at once.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan maxDelay) : IRetryPolicy
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);

    public TimeSpan? NextRetryDelay(RetryContext retryContext) => DelayFor(retryContext.PreviousRetryCount);

    public TimeSpan DelayFor(long attempt)
    {
        var doubled = FirstDelay * Math.Pow(2, Math.Min(attempt, 16));
        var delay = doubled < maxDelay ? doubled : maxDelay;
        return delay * (1 - Random.Shared.NextDouble() / 5);
    }
}
