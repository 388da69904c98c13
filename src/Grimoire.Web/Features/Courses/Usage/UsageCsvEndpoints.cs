using System.Globalization;
using System.Text;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Usage.Dashboard;
using Grimoire.Web.Security;

namespace Grimoire.Web.Features.Courses.Usage;

/// <summary>
/// <c>GET /courses/{id}/usage/{students|models|days}.csv?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>: a dashboard table as a
/// download (X1). Signed-in only; <see cref="CourseUsage"/> checks the course's staff rights from the database, and a
/// course the person may not read answers 404 exactly like one that does not exist.
/// </summary>
public static class UsageCsvEndpoints
{
    public static IEndpointRouteBuilder MapUsageCsvEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/courses/{courseId:guid}/usage/{table}.csv", async (
            Guid courseId, string table, string? from, string? to, HttpContext http, CourseUsage usage, CancellationToken cancellationToken) =>
        {
            if (http.User.GetUserId() is not { } userId)
            {
                return Results.Unauthorized();
            }

            if (!UsageCsv.Tables.Contains(table))
            {
                return Results.NotFound();
            }

            if (!TryDay(from, out var first) || !TryDay(to, out var last))
            {
                return Results.BadRequest("from and to must be dates written yyyy-mm-dd.");
            }

            CourseUsageReport report;
            try
            {
                report = await usage.ReadAsync(userId, courseId, new UsagePeriod(first, last), cancellationToken);
            }
            catch (CourseAccessDeniedException)
            {
                return Results.NotFound();
            }
            catch (CourseValidationException ex)
            {
                return Results.BadRequest(ex.Message);
            }

            var name = string.Create(CultureInfo.InvariantCulture, $"{report.CourseCode}-usage-{table}-{first:yyyy-MM-dd}-{last:yyyy-MM-dd}.csv");
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(Encoding.UTF8.GetBytes(UsageCsv.Write(report, table)!), "text/csv; charset=utf-8", name);
        }).RequireAuthorization();
        return endpoints;
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
