using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Herald.Http;

/// <summary>
/// Answers a request that met a busy or unreachable database with 503 and <c>Retry-After</c>,
/// so that a caller can tell "try again" from a fault: the transaction was rolled back, nothing
/// of the request was carried out, and a send retried with its idempotency key is stored once.
/// </summary>
internal sealed class StoreUnavailableExceptionHandler(
    IProblemDetailsService problems,
    ILogger<StoreUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext,
        Exception exception,
        CancellationToken cancellationToken)
    {
        if (!IsTransient(exception))
        {
            return false;
        }

        HttpLog.StoreUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is busy or unreachable; nothing was changed.",
                Detail = "Try again shortly. A send retried with the same Idempotency-Key is stored once.",
            },
        });
    }

    /// <summary>A lock that did not come free in time, or a database that could not be reached.</summary>
    private static bool IsTransient(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } or DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    private const int SqliteBusy = 5;

    private const int SqliteLocked = 6;
}
