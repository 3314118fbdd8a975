namespace Herald.Tests.Infrastructure;

/// <summary>
/// Waits for a state that only a store shows, such as an outbox entry marked delivered by a
/// dispatcher on its own schedule: checks it again and again until it holds or time runs out.
/// </summary>
public static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<CancellationToken, Task<T>> read, Func<T, bool> match, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? HubClient.Timeout);
        T value;

        while (!match(value = await read(deadline.Token)))
        {
            await Task.Delay(20, deadline.Token);
        }

        return value;
    }
}
