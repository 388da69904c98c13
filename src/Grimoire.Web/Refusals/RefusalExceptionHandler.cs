using Grimoire.Core.Refusals;
using Microsoft.AspNetCore.Diagnostics;

namespace Grimoire.Web.Refusals;

/// <summary>
/// A refusal that escapes an endpoint or a prerendered page answers with its status (403, 404, 400, 409, 429) and its
/// sentence as problem details, instead of the generic error page's 500.
/// </summary>
public sealed class RefusalExceptionHandler(IProblemDetailsService problemDetails, RefusalMetrics metrics) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not RefusalException refusal || httpContext.Response.HasStarted)
        {
            return false;
        }

        metrics.Record(refusal, "http");
        httpContext.Response.StatusCode = RefusalResponses.StatusCodeFor(refusal.Kind);
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = httpContext.Response.StatusCode, Title = refusal.Message },
        };
        if (!await problemDetails.TryWriteAsync(context))
        {
            httpContext.Response.ContentType = "text/plain; charset=utf-8";
            await httpContext.Response.WriteAsync(refusal.Message, cancellationToken);
        }

        return true;
    }
}
