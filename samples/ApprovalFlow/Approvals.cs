using System.Security.Claims;
using System.Text.Json;
using Herald;
using Herald.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalFlow;

/// <summary>
/// Decides on a request and tells the requester, in one transaction of the sample's own
/// database: the decision, its audit row and the notification commit together or not at all.
/// </summary>
public sealed class Approvals(
    ApprovalDb db,
    INotificationSender notifications,
    IOptions<HeraldOptions> herald,
    TimeProvider time)
{
    /// <summary>
    /// Records <paramref name="verdict"/> on request <paramref name="id"/> by the signed-in
    /// <paramref name="user"/>: 200 with the closed request and the notification id, 404 for an
    /// unknown request, 409 for one that is closed already.
    /// </summary>
    public async Task<IResult> DecideAsync(
        int id,
        string verdict,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        // Herald's user policy on the route lets in only callers with a usable user id.
        var caller = herald.Value.UserIdOf(user)!;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

        if (request is null)
        {
            return NotFound(id);
        }

        var now = time.GetUtcNow();

        // The audit row and the notification are written first and the request is closed last,
        // with an update that only matches an open request. That check decides whether the
        // earlier work counts, and the transaction is what protects it: when another decision
        // got there first, the rollback removes the audit row and the notification together,
        // and Herald pushes nothing, because it pushes only what commits.
        db.Decisions.Add(new Decision { RequestId = id, Verdict = verdict, DecidedBy = caller, DecidedAt = now });
        await db.SaveChangesAsync(cancellationToken);

        // Joins the open transaction: Herald's sender uses this same context.
        var sent = await notifications.SendAsync(
            [
                new NotificationMessage
                {
                    Recipient = request.RequestedBy,
                    Sender = caller,
                    Type = "approval",
                    Title = $"{caller} {verdict} “{request.Title}”",
                    Link = $"/requests/{id}",
                    Data = JsonSerializer.SerializeToElement(new { requestId = id, verdict }),
                },
            ],
            cancellationToken);

        var closed = await db.Requests
            .Where(r => r.Id == id && r.Status == RequestStatus.Open)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, verdict)
                    .SetProperty(r => r.DecidedBy, caller)
                    .SetProperty(r => r.DecidedAt, now),
                cancellationToken);

        if (closed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);

            var status = await db.Requests
                .Where(r => r.Id == id)
                .Select(r => r.Status)
                .SingleAsync(cancellationToken);

            return TypedResults.Problem(
                title: "The request is already closed.",
                detail: $"Request {id} is already {status}; this decision was not recorded and nobody was notified.",
                statusCode: StatusCodes.Status409Conflict);
        }

        await transaction.CommitAsync(cancellationToken);

        var decided = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        return TypedResults.Ok(new DecisionResponse(decided, sent.Ids.Single()));
    }

    /// <summary>The 404 answer for a request id that does not exist.</summary>
    public static IResult NotFound(int id) => TypedResults.Problem(
        title: "No such request.",
        detail: $"There is no request {id}.",
        statusCode: StatusCodes.Status404NotFound);

    /// <summary>A recorded decision: the closed request, and the notification sent about it.</summary>
    public sealed record DecisionResponse(ApprovalRequest Request, Guid NotificationId);
}
