using System.Security.Claims;
using Herald;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow;

/// <summary>The sample's own routes: read a request, approve or reject it.</summary>
public static class RequestEndpoints
{
    /// <summary>Maps <c>/requests/{id}</c>, <c>/requests/{id}/approve</c> and <c>/requests/{id}/reject</c>.</summary>
    public static IEndpointRouteBuilder MapRequests(this IEndpointRouteBuilder endpoints)
    {
        // The policy of Herald's own routes: a signed-in caller whose token names a user.
        var requests = endpoints.MapGroup("/requests").RequireAuthorization(HeraldOptions.UserPolicy);

        requests.MapGet("/{id:int}", GetAsync);
        requests.MapPost("/{id:int}/approve", ApproveAsync);
        requests.MapPost("/{id:int}/reject", RejectAsync);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(int id, ApprovalDb db, CancellationToken cancellationToken)
    {
        var request = await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return request is null ? Approvals.NotFound(id) : TypedResults.Ok(request);
    }

    private static Task<IResult> ApproveAsync(
        int id,
        Approvals approvals,
        ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        approvals.DecideAsync(id, RequestStatus.Approved, user, cancellationToken);

    private static Task<IResult> RejectAsync(
        int id,
        Approvals approvals,
        ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        approvals.DecideAsync(id, RequestStatus.Rejected, user, cancellationToken);
}
