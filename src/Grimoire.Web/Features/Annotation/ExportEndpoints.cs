using Grimoire.Core.Annotation;
using Grimoire.Core.Annotation.Exports;
using Grimoire.Core.Annotation.Pdf;
using Grimoire.Web.Security;

namespace Grimoire.Web.Features.Annotation;

/// <summary>
/// Downloads (X8): <c>GET /conversations/{id}/export.{md|json|pdf}</c> and
/// <c>GET /workspaces/{id}/documents/{docId}/export.{md|json|pdf}</c>. Signed-in only; <see cref="ConversationExports"/>
/// checks the workspace rights, and something the person may not read answers 404 like something that does not exist.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/conversations/{conversationId:guid}/export.{format}", (
            Guid conversationId, string format, HttpContext http, ConversationExports exports, CancellationToken cancellationToken) =>
            SendAsync(http, format, (userId, f) => exports.ConversationAsync(userId, conversationId, f, cancellationToken))).RequireAuthorization();
        endpoints.MapGet("/workspaces/{workspaceId:guid}/documents/{documentId:guid}/export.{format}", (
            Guid workspaceId, Guid documentId, string format, HttpContext http, ConversationExports exports, CancellationToken cancellationToken) =>
            SendAsync(http, format, (userId, f) => exports.DocumentAsync(userId, workspaceId, documentId, f, cancellationToken))).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> SendAsync(HttpContext http, string format, Func<Guid, ExportFormat, Task<ExportFile>> export)
    {
        if (http.User.GetUserId() is not { } userId)
        {
            return Results.Unauthorized();
        }

        if (!ConversationExports.TryParseFormat(format, out var parsed))
        {
            return Results.NotFound();
        }

        ExportFile file;
        try
        {
            file = await export(userId, parsed);
        }
        catch (AnnotationRefusedException)
        {
            return Results.NotFound();
        }
        catch (PdfPrintFailedException ex)
        {
            // The reason is logged by the printer; the person gets a plain sentence and the other formats still work.
            return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.File(file.Bytes, file.ContentType, file.FileName);
    }
}
