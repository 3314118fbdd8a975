namespace Herald.Client;

/// <summary>Where and as whom a <see cref="HeraldClient"/> connects.</summary>
public sealed class HeraldClientOptions
{
    /// <summary>Herald's base address, such as <c>http://localhost:5298</c>.</summary>
    public required Uri ServerUrl { get; init; }

    /// <summary>
    /// Gives the access token for each connect and reconnect, so that a token that expired
    /// is replaced by a fresh one.
    /// </summary>
    public required Func<Task<string?>> AccessTokenProvider { get; init; }

    /// <summary>
    /// The last stream position the application already has (kept from an earlier run, or
    /// from an inbox page it loaded); the client starts with what came after it. Null starts
    /// from now.
    /// </summary>
    public long? StartAfter { get; init; }

    /// <summary>The longest wait between two reconnect attempts. Default 30 seconds.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);
}
