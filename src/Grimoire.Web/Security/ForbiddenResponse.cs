namespace Grimoire.Web.Security;

/// <summary>
/// A page that decides, while answering the HTTP request (static rendering or prerendering), that the person may not
/// see what they asked for answers 403, like the access-denied page the policies redirect to. Inside a live circuit
/// there is no HTTP response to mark (the cascading <see cref="HttpContext"/> is null) and nothing happens.
/// </summary>
public static class ForbiddenResponse
{
    public static void MarkForbidden(this HttpContext? httpContext)
    {
        if (httpContext is { Response.HasStarted: false })
        {
            httpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }
}
