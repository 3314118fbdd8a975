using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Herald.Realtime;

/// <summary>
/// The one Redis connection of a node: SignalR's backplane publishes and subscribes on it, and
/// the readiness check pings through it, so <c>/health/ready</c> says what the backplane sees.
/// </summary>
/// <remarks>
/// Redis holds nothing durable for Herald. The connection is made in the background and made
/// again by itself after an outage; meanwhile pushes fail and the outbox retries them, while
/// sends, which only touch the database, go on.
/// </remarks>
internal sealed class RedisBackplane : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;

    public RedisBackplane(string connectionString, string channelPrefix)
    {
        Configuration = ConfigurationOptions.Parse(connectionString);

        // A node starts, and keeps serving, while Redis cannot be reached.
        Configuration.AbortOnConnectFail = false;
        Configuration.ChannelPrefix = RedisChannel.Literal(channelPrefix);
        _connection = new(ConnectAndWatchAsync);
    }

    /// <summary>Raised when a lost connection to Redis is made again.</summary>
    public event Action? Restored;

    public ConfigurationOptions Configuration { get; }

    /// <summary>The connection, for SignalR's <c>ConnectionFactory</c>; made on first use.</summary>
    public async Task<IConnectionMultiplexer> ConnectAsync(TextWriter log) => await _connection.Value;

    private async Task<ConnectionMultiplexer> ConnectAndWatchAsync()
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(Configuration);
        connection.ConnectionRestored += (_, _) => Restored?.Invoke();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }

    /// <summary>
    /// Healthy while a ping through the backplane's connection gets its answer; otherwise the
    /// registration's failure status, which Herald sets to degraded: a node without Redis still
    /// takes sends and serves inboxes, so a load balancer should keep it.
    /// </summary>
    internal sealed class HealthCheck(RedisBackplane backplane, ILogger<HealthCheck> logger) : IHealthCheck
    {
        public static readonly TimeSpan PingTimeout = TimeSpan.FromMilliseconds(800);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                // Its own limit, below the registration's timeout, so that an unanswered ping
                // is a result and not a cancelled check.
                var connection = await backplane._connection.Value.WaitAsync(PingTimeout, cancellationToken);

                // A connection that is down says so at once; a probe need not wait for a ping.
                if (!connection.IsConnected)
                {
                    return new HealthCheckResult(context.Registration.FailureStatus, "Redis cannot be reached.");
                }

                await connection.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                RealtimeLog.BackplaneUnreachable(logger, exception.Message);
                return new HealthCheckResult(context.Registration.FailureStatus, "Redis cannot be reached.");
            }
        }
    }
}
