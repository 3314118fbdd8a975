namespace Herald.Delivery;

/// <summary>
/// Wakes the dispatcher right after a commit that queued deliveries, so the usual latency is
/// that of one claim, not of the sweep interval. Many wake-ups before the dispatcher runs
/// collapse into one.
/// </summary>
public sealed class DispatchSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    /// <summary>Asks for a dispatch pass soon. Cheap, never blocks.</summary>
    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending; the coming pass picks up this commit too.
        }
    }

    /// <summary>Waits for a wake-up or for <paramref name="timeout"/>, whichever comes first.</summary>
    internal Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _pending.WaitAsync(timeout, cancellationToken);
}
