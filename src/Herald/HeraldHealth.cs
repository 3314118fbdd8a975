using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;

namespace Herald;

/// <summary>
/// The health endpoints a load balancer or an orchestrator asks: <c>/health/live</c> answers
/// while the process runs; <c>/health/ready</c> answers 200 only while Herald's database can be
/// reached, and 503 otherwise. Where Redis carries pushes between nodes, a Redis that cannot be
/// reached makes it answer 200 <c>Degraded</c>: sends and inboxes still work, and clients catch
/// up on what they missed. Neither needs a token, and neither says more than its status.
/// </summary>
public static class HeraldHealth
{
    /// <summary>The tag of the checks that decide readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Maps <c>/health/live</c> and <c>/health/ready</c>.</summary>
    public static IEndpointRouteBuilder MapHeraldHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) })
            .AllowAnonymous();
        return endpoints;
    }
}
