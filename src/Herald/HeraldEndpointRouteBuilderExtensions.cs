using Herald.Auth;
using Herald.Inbox;
using Herald.Realtime;
using Herald.Sending;
using Herald.Topics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;

namespace Herald;

/// <summary>Maps Herald's HTTP API and hub.</summary>
public static class HeraldEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/api/notifications</c> (send, inbox, read state), <c>/api/topics</c>
    /// (subscriptions and sends to a topic), <c>/api/broadcasts</c>, and the hub at
    /// <c>/hubs/notifications</c>. Every route requires a signed-in user whose token carries a
    /// usable user id; a token without one gets 403.
    /// </summary>
    public static IEndpointRouteBuilder MapHerald(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var api = endpoints.MapGroup("/api/notifications")
            .RequireAuthorization(HeraldOptions.UserPolicy)
            .WithTags("Notifications");

        SendEndpoints.Map(api);
        InboxEndpoints.Map(api);

        var topics = endpoints.MapGroup("/api/topics")
            .RequireAuthorization(HeraldOptions.UserPolicy)
            .WithTags("Topics");
        TopicEndpoints.Map(topics);

        var fanOuts = endpoints.MapGroup(string.Empty).RequireAuthorization(HeraldOptions.UserPolicy);
        FanOutEndpoints.Map(fanOuts);
        endpoints.MapHub<NotificationHub>(HeraldAuthenticationExtensions.HubPath, options =>
        {
            // A connection lives no longer than the token it was opened with.
            options.CloseOnAuthenticationExpiration = true;

            // WebSockets only: a long-polling or server-sent-events connection is addressed by
            // its connection token alone, so whoever learned it could read the stream.
            options.Transports = HttpTransportType.WebSockets;
        });
        return endpoints;
    }
}
