using System.Globalization;
using System.Text.Json.Serialization;
using Herald.Http;
using Herald.Sending;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Herald.Inbox;

/// <summary>The caller's own inbox over HTTP: pages, counts, read, seen and archived marks.</summary>
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
            .WithDescription("Filters: unread=true, type=<type>, archived=true (only archived ones; "
                + "archived=false, the default, leaves them out). Pass nextCursor as before= for the next page; "
                + "it is null on the last page. after=<position> lists what came after that stream position, "
                + "oldest first and archived ones included unless archived= says otherwise, so a client "
                + "that polls with the last position it saw misses nothing; pass nextCursor as after= while "
                + "it is not null.");

        api.MapGet("/unread-count", UnreadCountAsync)
            .WithName("GetUnreadCount")
            .WithSummary("The caller's unread count, in all and by type, and unseen count, with its state version.")
            .WithDescription("Archived notifications count in none of them.");

        api.MapPost("/read", MarkReadAsync)
            .Accepts<SelectionRequest>("application/json")
            .Produces<ChangeResponse>()
            .ProducesValidationProblem()
            .WithName("MarkRead")
            .WithSummary("Marks notifications read: {\"ids\":[...]} or {\"all\":true,\"type\":\"approval\"}.");

        api.MapPost("/unread", MarkUnreadAsync)
            .Accepts<IdsRequest>("application/json")
            .Produces<ChangeResponse>()
            .ProducesValidationProblem()
            .WithName("MarkUnread")
            .WithSummary("Marks notifications unread again: {\"ids\":[...]}.");

        api.MapPost("/seen", MarkSeenAsync)
            .Accepts<SeenRequest>("application/json")
            .Produces<ChangeResponse>()
            .ProducesValidationProblem()
            .WithName("MarkSeen")
            .WithSummary("Marks notifications seen (the bell was opened): {\"through\":<position>} or {\"all\":true}.")
            .WithDescription("through is the newest stream position the client showed: every unseen notification "
                + "at or below it is seen, and one that arrived meanwhile stays unseen.");

        api.MapPost("/archive", ArchiveAsync)
            .Accepts<SelectionRequest>("application/json")
            .Produces<ChangeResponse>()
            .ProducesValidationProblem()
            .WithName("Archive")
            .WithSummary("Archives notifications: {\"ids\":[...]} or {\"all\":true,\"type\":\"approval\"}.")
            .WithDescription("Archived notifications leave the default list and the counts; read state is kept.");

        api.MapPost("/unarchive", UnarchiveAsync)
            .Accepts<IdsRequest>("application/json")
            .Produces<ChangeResponse>()
            .ProducesValidationProblem()
            .WithName("Unarchive")
            .WithSummary("Puts archived notifications back in the inbox: {\"ids\":[...]}.");
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
        string? archived,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var unreadOnly = false;
        var archivedOnly = false;
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

        if (archived is not null && archived != "true" && archived != "false")
        {
            errors["archived"] = ["archived is true or false."];
        }
        else
        {
            archivedOnly = archived == "true";
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
        // Read after a position, the stream is whole by default, archived ones included, as in
        // the hub's replay: a poller's positions then have no holes.
        bool? archivedFilter = archived is null && afterPosition is not null ? null : archivedOnly;
        var filter = new InboxFilter(unreadOnly, type, beforePosition, size, afterPosition, archivedFilter);
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

    private static Task<IResult> MarkReadAsync(
        HttpContext http,
        InboxService inbox,
        IOptions<HeraldOptions> options,
        CancellationToken cancellationToken) =>
        ChangeSelectionAsync(http, options, "to mark all read", inbox.MarkAllReadAsync, inbox.MarkReadAsync, cancellationToken);

    private static Task<IResult> MarkUnreadAsync(
        HttpContext http,
        InboxService inbox,
        IOptions<HeraldOptions> options,
        CancellationToken cancellationToken) =>
        ChangeIdsAsync(http, options, inbox.MarkUnreadAsync, cancellationToken);

    private static Task<IResult> ArchiveAsync(
        HttpContext http,
        InboxService inbox,
        IOptions<HeraldOptions> options,
        CancellationToken cancellationToken) =>
        ChangeSelectionAsync(http, options, "to archive all", inbox.ArchiveAllAsync, inbox.ArchiveAsync, cancellationToken);

    private static Task<IResult> UnarchiveAsync(
        HttpContext http,
        InboxService inbox,
        IOptions<HeraldOptions> options,
        CancellationToken cancellationToken) =>
        ChangeIdsAsync(http, options, inbox.UnarchiveAsync, cancellationToken);

    /// <summary>
    /// Reads a body of <c>ids</c>, or <c>all</c> with an optional <c>type</c>, and makes the
    /// change it asks for.
    /// </summary>
    private static async Task<IResult> ChangeSelectionAsync(
        HttpContext http,
        IOptions<HeraldOptions> options,
        string allHint,
        Func<string, string?, CancellationToken, Task<int>> changeAll,
        Func<string, IReadOnlyList<Guid>, CancellationToken, Task<int>> changeIds,
        CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<SelectionRequest>(http.Request, cancellationToken);

        if (problem is not null)
        {
            return problem;
        }

        if (SelectionProblem(request!.Ids, request.All, request.Type, allHint) is { } invalid)
        {
            return invalid;
        }

        var user = options.Value.UserIdOf(http.User)!;
        var updated = request.All == true
            ? await changeAll(user, request.Type, cancellationToken)
            : await changeIds(user, request.Ids!, cancellationToken);
        return TypedResults.Ok(new ChangeResponse(updated));
    }

    /// <summary>Reads a body of <c>ids</c> and makes the change for them.</summary>
    private static async Task<IResult> ChangeIdsAsync(
        HttpContext http,
        IOptions<HeraldOptions> options,
        Func<string, IReadOnlyList<Guid>, CancellationToken, Task<int>> change,
        CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<IdsRequest>(http.Request, cancellationToken);

        if (problem is not null)
        {
            return problem;
        }

        if (IdsProblem(request!.Ids, allHint: null) is { } invalid)
        {
            return invalid;
        }

        var user = options.Value.UserIdOf(http.User)!;
        return TypedResults.Ok(new ChangeResponse(await change(user, request.Ids!, cancellationToken)));
    }

    private static async Task<IResult> MarkSeenAsync(
        HttpContext http,
        InboxService inbox,
        IOptions<HeraldOptions> options,
        CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<SeenRequest>(http.Request, cancellationToken);

        if (problem is not null)
        {
            return problem;
        }

        var user = options.Value.UserIdOf(http.User)!;

        if (request!.All == true)
        {
            if (request.Through is not null)
            {
                return JsonBody.Invalid("through", "Give either through or all, not both.");
            }

            return TypedResults.Ok(new ChangeResponse(await inbox.MarkAllSeenAsync(user, cancellationToken)));
        }

        if (request.Through is not { } through)
        {
            return JsonBody.Invalid("through", "Give through, the newest position shown, or \"all\": true.");
        }

        if (through < 0)
        {
            return JsonBody.Invalid("through", "through is a stream position: a whole number, 0 or more.");
        }

        return TypedResults.Ok(new ChangeResponse(await inbox.MarkSeenAsync(user, through, cancellationToken)));
    }

    /// <summary>Checks a body that gives either <c>ids</c>, or <c>all</c> with an optional <c>type</c>.</summary>
    private static IResult? SelectionProblem(Guid[]? ids, bool? all, string? type, string allHint)
    {
        if (all == true)
        {
            if (ids is not null)
            {
                return JsonBody.Invalid("ids", "Give either ids or all, not both.");
            }

            return type is not null && !NotificationValidator.IsValidType(type)
                ? JsonBody.Invalid("type", "type matches [a-z0-9._-]{1,64}.")
                : null;
        }

        if (type is not null)
        {
            return JsonBody.Invalid("type", "type only goes with \"all\": true.");
        }

        return IdsProblem(ids, allHint);
    }

    private static IResult? IdsProblem(Guid[]? ids, string? allHint) => ids switch
    {
        null or [] => JsonBody.Invalid(
            "ids",
            allHint is null ? "Give the ids to change." : $"Give the ids to change (or \"all\": true {allHint})."),
        { Length: > MaxIdsPerChange } => JsonBody.Invalid("ids", $"At most {MaxIdsPerChange} ids at once."),
        _ => null,
    };

    /// <summary>Either <c>ids</c>, or <c>all</c> with an optional <c>type</c>: what to mark read or archive.</summary>
    public sealed record SelectionRequest(Guid[]? Ids, bool? All, string? Type);

    /// <summary>The ids to mark unread or to put back in the inbox.</summary>
    public sealed record IdsRequest(Guid[]? Ids);

    /// <summary>
    /// Either <c>through</c>, the newest stream position the client showed, or <c>all</c>. A
    /// number in quotes is refused like any other text: a position is a JSON number.
    /// </summary>
    public sealed record SeenRequest(
        [property: JsonNumberHandling(JsonNumberHandling.Strict)] long? Through,
        bool? All);

    /// <summary>How many notifications changed state; ids that are not the caller's count as none.</summary>
    public sealed record ChangeResponse(int Updated);
}
