using System.Diagnostics.Metrics;

namespace Herald.Delivery;

/// <summary>
/// The dispatcher's counters, on the meter <c>Herald.Delivery</c>: what was delivered, what
/// failed and will be retried, what gave up, each with the channel as <c>herald.channel</c>; and
/// the notifications fan-outs wrote, with <c>herald.audience</c> (<c>topic</c> or <c>every user</c>).
/// Collect them with OpenTelemetry or <c>dotnet-counters</c>.
/// </summary>
public sealed class DeliveryMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Herald.Delivery";

    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _dead;
    private readonly Counter<long> _fannedOut;

    public DeliveryMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _delivered = meter.CreateCounter<long>("herald.delivery.delivered", "{notification}", "Deliveries a channel completed.");
        _failed = meter.CreateCounter<long>("herald.delivery.failed", "{notification}", "Delivery attempts that failed and wait for a retry.");
        _dead = meter.CreateCounter<long>("herald.delivery.dead", "{notification}", "Deliveries given up after their last attempt.");
        _fannedOut = meter.CreateCounter<long>(
            "herald.fanout.written", "{notification}", "Notifications written for the recipients of sends to a topic or to every user.");
    }

    internal void Delivered(string channel, int count) => Add(_delivered, channel, count);

    internal void Failed(string channel) => Add(_failed, channel, 1);

    internal void Dead(string channel) => Add(_dead, channel, 1);

    internal void FannedOut(string audience, int count) =>
        _fannedOut.Add(count, new KeyValuePair<string, object?>("herald.audience", audience));

    private static void Add(Counter<long> counter, string channel, int count)
    {
        if (count > 0)
        {
            counter.Add(count, new KeyValuePair<string, object?>("herald.channel", channel));
        }
    }
}
