using Grimoire.Core.Attachments;
using Grimoire.Web.Security;

namespace Grimoire.Web.Features.Attachments;

/// <summary>
/// <c>GET /attachments/{id}</c>: a message's file (AC7.3). Signed-in only; <see cref="AttachmentDownloads"/> checks the
/// workspace's access on every request, and a file the person may not read answers 404 like one that does not exist.
/// Served as a download with <c>nosniff</c> and a sandboxing CSP, so an uploaded HTML or SVG never runs as the site.
/// </summary>
public static class AttachmentEndpoints
{
    public static string DownloadPath(Guid attachmentId) => $"/attachments/{attachmentId}";

    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/attachments/{attachmentId:guid}", async (
            Guid attachmentId, HttpContext http, AttachmentDownloads downloads, CancellationToken cancellationToken) =>
        {
            var file = await downloads.OpenAsync(http.User.GetUserId(), attachmentId, cancellationToken);
            if (file is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "private, no-store";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
            var inline = file.MediaType.StartsWith("image/", StringComparison.Ordinal) || file.MediaType == "application/pdf";
            return Results.Stream(file.Content, file.MediaType, inline ? null : file.FileName, enableRangeProcessing: true);
        }).RequireAuthorization();
        return endpoints;
    }
}
