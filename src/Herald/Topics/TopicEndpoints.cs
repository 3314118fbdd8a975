using Herald.Auth;
using Herald.Http;
using Herald.Sending;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Herald.Topics;

/// <summary>
/// Topic subscriptions over HTTP: a user subscribes and unsubscribes themself; a service (the
/// scope <c>notifications.send</c>) subscribes and unsubscribes others.
/// </summary>
internal static class TopicEndpoints
{
    public static void Map(RouteGroupBuilder topics)
    {
        topics.MapGet("/", MineAsync)
            .Produces<TopicsResponse>()
            .WithName("ListMyTopics")
            .WithSummary("The topics the caller is subscribed to.");

        topics.MapPut("/{topic}/subscription", SubscribeMeAsync)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .WithName("SubscribeMe")
            .WithSummary("Subscribes the caller to a topic such as project:42; doing it twice is the same as once.");

        topics.MapDelete("/{topic}/subscription", UnsubscribeMeAsync)
            .Produces(StatusCodes.Status204NoContent)
            .WithName("UnsubscribeMe")
            .WithSummary("Ends the caller's subscription to a topic, if there is one.");

        topics.MapPost("/{topic}/subscribers", SubscribeAsync)
            .Accepts<SubscribersRequest>("application/json")
            .Produces<SubscribedResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("SubscribeUsers")
            .WithSummary("Subscribes users to a topic: {\"users\":[\"bob\",\"carol\"]}; needs the scope notifications.send.");

        topics.MapDelete("/{topic}/subscribers/{user}", UnsubscribeAsync)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("UnsubscribeUser")
            .WithSummary("Ends a user's subscription to a topic; needs the scope notifications.send.");
    }

    private static async Task<IResult> MineAsync(
        HttpContext http,
        TopicSubscriptions subscriptions,
        IOptions<HeraldOptions> options,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(new TopicsResponse(await subscriptions.TopicsOfAsync(options.Value.UserIdOf(http.User)!, cancellationToken)));

    private static async Task<IResult> SubscribeMeAsync(
        string topic,
        HttpContext http,
        TopicSubscriptions subscriptions,
        IOptions<HeraldOptions> options,
        CancellationToken cancellationToken)
    {
        try
        {
            await subscriptions.SubscribeAsync(topic, [options.Value.UserIdOf(http.User)!], cancellationToken);
            return TypedResults.NoContent();
        }
        catch (NotificationValidationException exception)
        {
            return Refused(exception);
        }
    }

    private static async Task<IResult> UnsubscribeMeAsync(
        string topic,
        HttpContext http,
        TopicSubscriptions subscriptions,
        IOptions<HeraldOptions> options,
        CancellationToken cancellationToken)
    {
        await subscriptions.UnsubscribeAsync(topic, options.Value.UserIdOf(http.User)!, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SubscribeAsync(
        string topic,
        HttpContext http,
        TopicSubscriptions subscriptions,
        CancellationToken cancellationToken)
    {
        if (!HeraldScopes.Has(http.User, HeraldScopes.Send))
        {
            return ServicesOnly();
        }

        var (request, problem) = await JsonBody.ReadAsync<SubscribersRequest>(http.Request, cancellationToken);

        if (problem is not null)
        {
            return problem;
        }

        if (request!.Users is not { } users || users.Any(u => u is null))
        {
            return JsonBody.Invalid("users", "The users array of user ids is required.");
        }

        try
        {
            var added = await subscriptions.SubscribeAsync(topic, users!, cancellationToken);
            return TypedResults.Ok(new SubscribedResponse(added));
        }
        catch (NotificationValidationException exception)
        {
            return Refused(exception);
        }
    }

    private static async Task<IResult> UnsubscribeAsync(
        string topic,
        string user,
        HttpContext http,
        TopicSubscriptions subscriptions,
        CancellationToken cancellationToken)
    {
        if (!HeraldScopes.Has(http.User, HeraldScopes.Send))
        {
            return ServicesOnly();
        }

        await subscriptions.UnsubscribeAsync(topic, user, cancellationToken);
        return TypedResults.NoContent();
    }

    private static IResult ServicesOnly() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: $"Changing other users' subscriptions needs a token with the scope {HeraldScopes.Send}.");

    private static IResult Refused(NotificationValidationException exception) =>
        TypedResults.ValidationProblem(exception.Errors, title: "The subscription was refused; nothing was stored.");

    /// <summary>Users to subscribe.</summary>
    public sealed record SubscribersRequest(List<string?>? Users);

    /// <summary>How many of them were not subscribed before.</summary>
    public sealed record SubscribedResponse(int Added);

    /// <summary>The caller's topics.</summary>
    public sealed record TopicsResponse(IReadOnlyList<string> Topics);
}
