using System.ComponentModel.DataAnnotations;

namespace Herald.Delivery;

/// <summary>How the dispatcher claims, delivers, retries and cleans up outbox entries.</summary>
public sealed class OutboxOptions
{
    /// <summary>Entries claimed and delivered in one pass. Default 500.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Recipients of a send to a topic or to every user written in one transaction. Default 1000.</summary>
    [Range(1, 2_000)]
    public int FanOutBatchSize { get; set; } = 1000;

    /// <summary>How often the dispatcher looks for work without a wake-up (the fallback). Default 5 s.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim holds; a dispatcher that died lets go after it. Default 30 s.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before an entry is marked dead. Default 10.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Delay before the first retry; it doubles with each failure. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two attempts. Default 5 min.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long delivered entries are kept before the cleanup removes them. Default 7 days.</summary>
    public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the cleanup runs. Default 1 h.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long one channel may take for its part of a pass before the pass counts it as
    /// failed and retries later. Default 10 s.
    /// </summary>
    public TimeSpan ChannelTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether every duration is above zero; checked at start-up.</summary>
    internal bool DurationsArePositive =>
        new[] { SweepInterval, ClaimLease, RetryBaseDelay, RetryMaxDelay, CleanupInterval, ChannelTimeout }
            .All(t => t > TimeSpan.Zero);

    internal TimeSpan RetryDelay(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(RetryBaseDelay.Ticks * factor, RetryMaxDelay.Ticks));
    }
}
