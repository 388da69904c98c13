using Grimoire.Core.Courses;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Admin;

/// <summary>Every course, for site admins: list and create. Everything else happens in the course's own admin page.</summary>
public sealed class SiteCourses(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    CourseAdminAccess access,
    SiteOverview overview,
    TimeProvider time)
{
    public async Task<IReadOnlyList<CourseOverview>> ListAsync(Guid actorId, CancellationToken cancellationToken)
    {
        await access.RequireSiteAdminAsync(actorId, cancellationToken);
        return await overview.ListCoursesAsync(cancellationToken);
    }

    /// <exception cref="CourseValidationException">A value is invalid or the code is already used.</exception>
    public async Task<Course> CreateAsync(Guid actorId, NewCourse request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await access.RequireSiteAdminAsync(actorId, cancellationToken);
        var code = CourseFields.NormalizeCode(request.Code);
        var problems = CourseFields.Check(code, request.Name ?? "", request.Term ?? "", request.StartsOn, request.EndsOn);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (problems.Count == 0 && await CourseFields.CodeTakenAsync(db, code, null, cancellationToken))
        {
            problems.Add(CourseFields.CodeTakenMessage(code));
        }

        CourseValidationException.ThrowIfAny(problems);
        var course = new Course
        {
            Code = code,
            Name = request.Name!.Trim(),
            Term = (request.Term ?? "").Trim(),
            StartsOn = request.StartsOn,
            EndsOn = request.EndsOn,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Courses.Add(course);
        await CourseFields.SaveWithUniqueCodeAsync(db, code, null, cancellationToken);
        return course;
    }
}
