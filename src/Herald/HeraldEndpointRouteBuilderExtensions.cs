using Herald.Auth;
using Herald.Inbox;
using Herald.Realtime;
using Herald.Sending;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Herald;

/// <summary>Maps Herald's HTTP API and hub.</summary>
public static class HeraldEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/api/notifications</c> (send, inbox, read state) and the hub at
    /// <c>/hubs/notifications</c>. Every route requires a signed-in user.
    /// </summary>
    public static IEndpointRouteBuilder MapHerald(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var api = endpoints.MapGroup("/api/notifications")
            .RequireAuthorization()
            .WithTags("Notifications");

        SendEndpoints.Map(api);
        InboxEndpoints.Map(api);
        endpoints.MapHub<NotificationHub>(HeraldAuthenticationExtensions.HubPath);
        return endpoints;
    }
}
