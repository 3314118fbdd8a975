using Herald.Auth;
using Herald.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Herald.Sending;

/// <summary>
/// Sends to many users over HTTP: <c>POST /api/topics/{topic}/notifications</c> to a topic's
/// subscribers, and <c>POST /api/broadcasts</c> to every user. Each stores one row and answers
/// at once; the dispatcher writes the recipients' notifications in batches.
/// </summary>
internal static class FanOutEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/api/topics/{topic}/notifications", SendToTopicAsync)
            .Accepts<FanOutRequest>("application/json")
            .Produces<FanOutResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("SendToTopic")
            .WithTags("Topics")
            .WithSummary("Sends one notification to every subscriber of a topic; needs the scope notifications.send.")
            .WithDescription("The body is {\"notification\":{...}} without a recipient. Each subscriber gets a "
                + "notification of their own, with their own read state; whoever is subscribed when the fan-out "
                + "reaches them receives it. Idempotency-Key works as for a batch.");

        api.MapPost("/api/broadcasts", BroadcastAsync)
            .Accepts<FanOutRequest>("application/json")
            .Produces<FanOutResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("Broadcast")
            .WithTags("Notifications")
            .WithSummary("Sends one notification to every user Herald knows; needs the scope notifications.broadcast.")
            .WithDescription("Every user with a stream when the fan-out reaches them gets it: anyone who has received "
                + "a notification, connected to the hub or subscribed to a topic. A user first seen later does not.");
    }

    private static Task<IResult> SendToTopicAsync(
        string topic,
        HttpContext http,
        INotificationSender sender,
        IOptions<HeraldOptions> options,
        CancellationToken cancellationToken) =>
        FanOutAsync(http, options, HeraldScopes.Send, (notification, sendOptions) =>
            sender.SendToTopicAsync(topic, notification, sendOptions, cancellationToken), cancellationToken);

    private static Task<IResult> BroadcastAsync(
        HttpContext http,
        INotificationSender sender,
        IOptions<HeraldOptions> options,
        CancellationToken cancellationToken) =>
        FanOutAsync(http, options, HeraldScopes.Broadcast, (notification, sendOptions) =>
            sender.BroadcastAsync(notification, sendOptions, cancellationToken), cancellationToken);

    private static async Task<IResult> FanOutAsync(
        HttpContext http,
        IOptions<HeraldOptions> options,
        string scope,
        Func<NotificationMessage, SendOptions, Task<FanOutResult>> send,
        CancellationToken cancellationToken)
    {
        if (!HeraldScopes.Has(http.User, scope))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: $"Sending to many users needs a token with the scope {scope}.");
        }

        var (request, problem) = await JsonBody.ReadAsync<FanOutRequest>(http.Request, cancellationToken);

        if (problem is not null)
        {
            return problem;
        }

        if (request!.Notification is not { } notification)
        {
            return JsonBody.Invalid("notification", "The notification object is required.");
        }

        var errors = new Dictionary<string, string[]>();
        var key = SendEndpoints.IdempotencyKeyOf(http, errors);
        var caller = options.Value.UserIdOf(http.User)!;
        var isService = HeraldScopes.Has(http.User, HeraldScopes.Send);

        // As in a batch: only a service may send in another's name.
        if (!isService && notification.Sender is not null && notification.Sender != caller)
        {
            errors["notification.sender"] = [$"Only a token with the scope {HeraldScopes.Send} may set the sender."];
        }

        if (errors.Count > 0)
        {
            // Name the notification's other problems too, so that one answer lists everything.
            foreach (var (field, messages) in NotificationValidator.ValidateForAudience(notification))
            {
                errors[field] = messages;
            }

            return TypedResults.ValidationProblem(errors, title: "The send was refused; nothing was stored.");
        }

        notification.Sender = isService ? notification.Sender ?? caller : caller;

        try
        {
            var result = await send(notification, new SendOptions { IdempotencyKey = key, Caller = "api:" + caller });

            if (result.Replayed)
            {
                http.Response.Headers[SendEndpoints.ReplayedHeader] = "true";
            }

            return TypedResults.Json(new FanOutResponse(result.Id), statusCode: StatusCodes.Status202Accepted);
        }
        catch (NotificationValidationException exception)
        {
            return TypedResults.ValidationProblem(exception.Errors, title: "The send was refused; nothing was stored.");
        }
        catch (IdempotencyConflictException)
        {
            return SendEndpoints.KeyConflict();
        }
    }

    /// <summary>The body of a send to a topic or to every user.</summary>
    public sealed record FanOutRequest(NotificationMessage? Notification);

    /// <summary>The fan-out's id.</summary>
    public sealed record FanOutResponse(Guid Id);
}
