using System.Globalization;
using Herald.Http;
using Herald.Sending;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Herald.Inbox;

/// <summary>The caller's own inbox over HTTP: pages, unread counts, read and unread marks.</summary>
internal static class InboxEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxIdsPerChange = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/", PageAsync)
            .WithName("ListNotifications")
            .WithSummary("A page of the caller's notifications, newest first; or oldest first after a position.")
            .WithDescription("Filters: unread=true, type=<type>. Pass nextCursor as before= for the next page; "
                + "it is null on the last page. after=<position> lists what came after that stream position, "
                + "oldest first, so a client that polls with the last position it saw misses nothing; "
                + "pass nextCursor as after= while it is not null.");

        api.MapGet("/unread-count", UnreadCountAsync)
            .WithName("GetUnreadCount")
            .WithSummary("The caller's unread count, in all and by type, with its state version.");

        api.MapPost("/read", MarkReadAsync)
            .Accepts<ReadRequest>("application/json")
            .Produces<ChangeResponse>()
            .ProducesValidationProblem()
            .WithName("MarkRead")
            .WithSummary("Marks notifications read: {\"ids\":[...]} or {\"all\":true,\"type\":\"approval\"}.");

        api.MapPost("/unread", MarkUnreadAsync)
            .Accepts<UnreadRequest>("application/json")
            .Produces<ChangeResponse>()
            .ProducesValidationProblem()
            .WithName("MarkUnread")
            .WithSummary("Marks notifications unread again: {\"ids\":[...]}.");
    }

    private static async Task<Results<Ok<InboxPage>, ValidationProblem>> PageAsync(
        HttpContext http,
        InboxService inbox,
        IOptions<HeraldOptions> options,
        string? unread,
        string? type,
        string? limit,
        string? before,
        string? after,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var unreadOnly = false;
        var size = DefaultPageSize;
        long? beforePosition = null;
        long? afterPosition = null;

        if (unread is not null && unread != "true" && unread != "false")
        {
            errors["unread"] = ["unread is true or false."];
        }
        else
        {
            unreadOnly = unread == "true";
        }

        if (type is not null && !NotificationValidator.IsValidType(type))
        {
            errors["type"] = ["type matches [a-z0-9._-]{1,64}."];
        }

        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxPageSize))
        {
            errors["limit"] = [$"limit is a whole number from 1 to {MaxPageSize}."];
        }

        if (before is not null)
        {
            if (InboxCursor.TryParse(before, out var position))
            {
                beforePosition = position;
            }
            else
            {
                errors["before"] = ["before is a cursor from a previous page's nextCursor."];
            }
        }

        if (after is not null)
        {
            if (before is not null)
            {
                errors["after"] = ["Give before or after, not both."];
            }
            else if (long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                afterPosition = position;
            }
            else
            {
                errors["after"] = ["after is a stream position: a whole number, 0 or more."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var user = options.Value.UserIdOf(http.User)!;
        var filter = new InboxFilter(unreadOnly, type, beforePosition, size, afterPosition);
        var page = await inbox.PageAsync(user, filter, cancellationToken);
        return TypedResults.Ok(page);
    }

    private static async Task<Ok<UnreadCount>> UnreadCountAsync(
        HttpContext http,
        InboxService inbox,
        IOptions<HeraldOptions> options,
        CancellationToken cancellationToken)
    {
        var user = options.Value.UserIdOf(http.User)!;
        return TypedResults.Ok(await inbox.UnreadCountAsync(user, cancellationToken));
    }

    private static async Task<IResult> MarkReadAsync(
        HttpContext http,
        InboxService inbox,
        IOptions<HeraldOptions> options,
        CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<ReadRequest>(http.Request, cancellationToken);

        if (problem is not null)
        {
            return problem;
        }

        var user = options.Value.UserIdOf(http.User)!;

        if (request!.All == true)
        {
            if (request.Ids is not null)
            {
                return JsonBody.Invalid("ids", "Give either ids or all, not both.");
            }

            if (request.Type is not null && !NotificationValidator.IsValidType(request.Type))
            {
                return JsonBody.Invalid("type", "type matches [a-z0-9._-]{1,64}.");
            }

            return TypedResults.Ok(new ChangeResponse(await inbox.MarkAllReadAsync(user, request.Type, cancellationToken)));
        }

        if (request.Type is not null)
        {
            return JsonBody.Invalid("type", "type only goes with \"all\": true.");
        }

        if (IdsProblem(request.Ids) is { } idsProblem)
        {
            return idsProblem;
        }

        return TypedResults.Ok(new ChangeResponse(await inbox.MarkReadAsync(user, request.Ids!, cancellationToken)));
    }

    private static async Task<IResult> MarkUnreadAsync(
        HttpContext http,
        InboxService inbox,
        IOptions<HeraldOptions> options,
        CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<UnreadRequest>(http.Request, cancellationToken);

        if (problem is not null)
        {
            return problem;
        }

        if (IdsProblem(request!.Ids) is { } idsProblem)
        {
            return idsProblem;
        }

        var user = options.Value.UserIdOf(http.User)!;
        return TypedResults.Ok(new ChangeResponse(await inbox.MarkUnreadAsync(user, request.Ids!, cancellationToken)));
    }

    private static IResult? IdsProblem(Guid[]? ids) => ids switch
    {
        null or [] => JsonBody.Invalid("ids", "Give the ids to change (or \"all\": true to mark all read)."),
        { Length: > MaxIdsPerChange } => JsonBody.Invalid("ids", $"At most {MaxIdsPerChange} ids at once."),
        _ => null,
    };

    /// <summary>Either <c>ids</c>, or <c>all</c> with an optional <c>type</c>.</summary>
    public sealed record ReadRequest(Guid[]? Ids, bool? All, string? Type);

    public sealed record UnreadRequest(Guid[]? Ids);

    /// <summary>How many notifications changed state; ids that are not the caller's count as none.</summary>
    public sealed record ChangeResponse(int Updated);
}
