using Herald.Auth;
using Herald.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Herald.Sending;

/// <summary><c>POST /api/notifications</c>: send a batch over HTTP.</summary>
internal static class SendEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/", SendAsync)
            .Accepts<SendRequest>("application/json")
            .Produces<SendResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("SendNotifications")
            .WithSummary("Stores 1 to 1000 notifications in one transaction and pushes them after the commit.")
            .WithDescription("A user's send always carries that user's id as sender; a token with the scope "
                + "notifications.send may set sender. One bad item refuses the whole batch. With an "
                + "Idempotency-Key header, a retried send answers with the first send's ids and stores "
                + "nothing new; the same key with other notifications is a 409.");
    }

    private static async Task<IResult> SendAsync(
        HttpContext http,
        INotificationSender sender,
        IOptions<HeraldOptions> options,
        CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<SendRequest>(http.Request, cancellationToken);

        if (problem is not null)
        {
            return problem;
        }

        if (request!.Notifications is null)
        {
            return JsonBody.Invalid("notifications", "The notifications array is required.");
        }

        var caller = options.Value.UserIdOf(http.User)!;
        var isService = HeraldScopes.Has(http.User, HeraldScopes.Send);
        var errors = new Dictionary<string, string[]>();
        var key = IdempotencyKeyOf(http, errors);

        for (var i = 0; i < request.Notifications.Count; i++)
        {
            if (request.Notifications[i] is not { } item)
            {
                continue;
            }

            if (!isService && item.Sender is not null && item.Sender != caller)
            {
                errors[$"notifications[{i}].sender"] = [$"Only a token with the scope {HeraldScopes.Send} may set the sender."];
            }

            item.Sender = isService ? item.Sender ?? caller : caller;
        }

        if (errors.Count > 0)
        {
            // Name the batch's other problems too, so that one answer lists everything to fix.
            foreach (var (field, messages) in NotificationValidator.Validate(request.Notifications))
            {
                errors[field] = messages;
            }

            return Refused(errors);
        }

        try
        {
            // Keys of HTTP callers live apart from the ones the host's own code uses.
            var sendOptions = new SendOptions { IdempotencyKey = key, Caller = "api:" + caller };
            var result = await sender.SendAsync(request.Notifications.Select(n => n!), sendOptions, cancellationToken);

            if (result.Replayed)
            {
                http.Response.Headers[ReplayedHeader] = "true";
            }

            return TypedResults.Json(new SendResponse(result.Ids), statusCode: StatusCodes.Status202Accepted);
        }
        catch (NotificationValidationException exception)
        {
            return Refused(new Dictionary<string, string[]>(exception.Errors));
        }
        catch (IdempotencyConflictException)
        {
            return KeyConflict();
        }
    }

    /// <summary>The request's idempotency key, if it has one; a bad one is added to the errors.</summary>
    internal static string? IdempotencyKeyOf(HttpContext http, Dictionary<string, string[]> errors)
    {
        var keys = http.Request.Headers[IdempotencyKeyHeader];

        if (keys.Count > 1)
        {
            errors[IdempotencyKeyHeader] = ["Give at most one Idempotency-Key."];
            return null;
        }

        if (keys.Count == 1 && NotificationValidator.IdempotencyKeyProblem(keys[0]!) is { } keyProblem)
        {
            errors[IdempotencyKeyHeader] = [keyProblem];
        }

        return keys.Count == 1 ? keys[0] : null;
    }

    /// <summary>The answer to a key that was used before for another send.</summary>
    internal static IResult KeyConflict() =>
        Results.ValidationProblem(
            new Dictionary<string, string[]>
            {
                [IdempotencyKeyHeader] = ["This key was used before with other notifications."],
            },
            title: "The Idempotency-Key belongs to another send; nothing was stored.",
            statusCode: StatusCodes.Status409Conflict);

    internal const string IdempotencyKeyHeader = "Idempotency-Key";

    internal const string ReplayedHeader = "Idempotent-Replayed";

    private static IResult Refused(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The batch was refused; nothing of it was stored.");

    /// <summary>The body of a send.</summary>
    public sealed record SendRequest(List<NotificationMessage?>? Notifications);

    /// <summary>The ids of the stored notifications, in the order they were sent.</summary>
    public sealed record SendResponse(IReadOnlyList<Guid> Ids);
}
