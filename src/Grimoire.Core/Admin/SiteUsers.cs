using Grimoire.Core.Courses;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Admin;

/// <summary>Every user, for site admins: search by e-mail or name, and make someone instructor of a course.</summary>
public sealed class SiteUsers(IDbContextFactory<GrimoireDbContext> contextFactory, CourseAdminAccess access, TimeProvider time)
{
    public const int MaxPageSize = 100;

    public async Task<SiteUserPage> SearchAsync(Guid actorId, string? search, int skip, int take, CancellationToken cancellationToken)
    {
        await access.RequireSiteAdminAsync(actorId, cancellationToken);
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, MaxPageSize);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + search.Trim().ToLowerInvariant()
                .Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower(): case-insensitive on both databases.
            query = query.Where(u => EF.Functions.Like(u.Email.ToLower(), pattern, "\\") || EF.Functions.Like(u.DisplayName.ToLower(), pattern, "\\"));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var total = await query.CountAsync(cancellationToken);
        var users = await query
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Skip(skip).Take(take)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.IsSiteAdmin, u.CreatedAt, u.LastLoginAt,
                Courses = u.Enrollments.OrderBy(e => e.Course!.Code).Select(e => new SiteUserCourse(e.CourseId, e.Course!.Code, e.Role)).ToList(),
            })
            .ToListAsync(cancellationToken);
        var rows = users.Select(u => new SiteUserRow(u.Id, u.Email, u.DisplayName, u.IsSiteAdmin, u.CreatedAt, u.LastLoginAt, u.Courses)).ToList();
        return new SiteUserPage(rows, total, skip, take);
    }

    /// <summary>Enrolls the person as instructor of the course, or raises their role to instructor.</summary>
    /// <exception cref="CourseValidationException">The person or the course does not exist.</exception>
    public async Task<EnrollmentOutcome> MakeInstructorAsync(Guid actorId, Guid courseId, Guid userId, CancellationToken cancellationToken)
    {
        await access.RequireSiteAdminAsync(actorId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            throw new CourseValidationException("That person does not exist.");
        }

        if (!await db.Courses.AnyAsync(c => c.Id == courseId, cancellationToken))
        {
            throw new CourseValidationException("That course does not exist.");
        }

        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.CourseId == courseId && e.UserId == userId, cancellationToken);
        EnrollmentOutcome outcome;
        if (enrollment is null)
        {
            db.Enrollments.Add(new Enrollment { CourseId = courseId, UserId = userId, Role = CourseRole.Instructor, CreatedAt = time.GetUtcNow().UtcDateTime });
            outcome = EnrollmentOutcome.Added;
        }
        else if (enrollment.Role == CourseRole.Instructor)
        {
            outcome = EnrollmentOutcome.AlreadyEnrolled;
        }
        else
        {
            enrollment.Role = CourseRole.Instructor;
            outcome = EnrollmentOutcome.RoleChanged;
        }

        await db.SaveOrRefuseAsync(cancellationToken);
        return outcome;
    }
}
