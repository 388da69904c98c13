using Grimoire.Core.Refusals;

namespace Grimoire.Web.Refusals;

/// <summary>The HTTP status of each kind of refusal (docs/decisions/0010-one-refusal-type.md): the one table the web layer uses.</summary>
public static class RefusalResponses
{
    public static int StatusCodeFor(RefusalKind kind) => kind switch
    {
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.Limit => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>
    /// While a page is prerendered for an HTTP request, answers with the refusal's status instead of 200; inside a live
    /// circuit there is no response to mark (the cascading <see cref="HttpContext"/> is null) and nothing happens.
    /// </summary>
    public static void MarkRefused(this HttpContext? httpContext, RefusalKind kind)
    {
        if (httpContext is { Response.HasStarted: false })
        {
            httpContext.Response.StatusCode = StatusCodeFor(kind);
        }
    }
}
