using Grimoire.Core.Accounts;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Courses.Admin;

/// <summary>
/// The People tab: enroll by e-mail (one person, or a pasted list / CSV, creating accounts that do not exist yet),
/// change roles, unenroll. Instructors and site admins change it; tutors read it. A course always keeps at least one
/// instructor. Unenrolling first runs every <see cref="IStudentUnenrolled"/> (key revocation), then removes the
/// enrollment; the person's conversations stay with the course.
/// </summary>
public sealed class CourseEnrollment(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    CourseAdminAccess access,
    IEnumerable<IStudentUnenrolled> unenrollHooks,
    TimeProvider time)
{
    public const string LastInstructorMessage = "A course needs at least one instructor: make someone else instructor first.";

    public async Task<IReadOnlyList<CoursePerson>> ListAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        await access.RequireReadAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var people = await db.Enrollments.AsNoTracking()
            .Where(e => e.CourseId == courseId)
            .Select(e => new CoursePerson(e.UserId, e.User!.Email, e.User.DisplayName, e.Role, e.CreatedAt, e.User.LastLoginAt))
            .ToListAsync(cancellationToken);

        // Staff first, then students, each by name (roles are strings in the database: order here, not in SQL).
        return [.. people.OrderByDescending(p => p.Role).ThenBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>Enrolls one person with the given role, changing their role if already enrolled.</summary>
    public async Task<EnrollmentResult> EnrollAsync(
        Guid actorId, Guid courseId, string email, string? displayName, CourseRole role, CancellationToken cancellationToken)
    {
        var input = (email ?? "").Trim();
        var line = EnrollmentList.TryEmail(input, out var address, out var embeddedName)
            ? new EnrollmentLine(1, input, address, string.IsNullOrWhiteSpace(displayName) ? embeddedName : displayName.Trim(), role, null)
            : new EnrollmentLine(1, input, null, null, null, input.Length == 0 ? "Enter an e-mail address." : $"“{input}” is not an e-mail address.");
        if (line.DisplayName is { Length: > 200 })
        {
            line = line with { Email = null, Error = "The display name may have at most 200 characters." };
        }

        var result = await ApplyAsync(actorId, courseId, [line], role, cancellationToken);
        return result.Lines[0];
    }

    /// <summary>
    /// Enrolls everyone on a pasted list (see <see cref="EnrollmentList"/>). Lines without a role get
    /// <paramref name="defaultRole"/> when new; people already enrolled keep their role unless their line names one.
    /// Invalid lines are reported and skipped; the valid ones are saved together.
    /// </summary>
    public async Task<EnrollmentBatchResult> EnrollManyAsync(
        Guid actorId, Guid courseId, string pastedList, CourseRole defaultRole, CancellationToken cancellationToken) =>
        await ApplyAsync(actorId, courseId, EnrollmentList.Parse(pastedList), defaultRole, cancellationToken);

    public async Task SetRoleAsync(Guid actorId, Guid courseId, Guid userId, CourseRole role, CancellationToken cancellationToken)
    {
        await access.RequireManageAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var enrollment = await LoadAsync(db, courseId, userId, cancellationToken);
        if (enrollment.Role == CourseRole.Instructor && role != CourseRole.Instructor && await IsLastInstructorAsync(db, courseId, cancellationToken))
        {
            throw new CourseValidationException(LastInstructorMessage);
        }

        enrollment.Role = role;
        await db.SaveOrRefuseAsync(cancellationToken);
    }

    /// <summary>
    /// Removes the person from the course. Every <see cref="IStudentUnenrolled"/> runs first (key provisioning
    /// revokes their keys there); if one fails the person stays enrolled and the error propagates.
    /// </summary>
    public async Task UnenrollAsync(Guid actorId, Guid courseId, Guid userId, CancellationToken cancellationToken)
    {
        await access.RequireManageAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var enrollment = await LoadAsync(db, courseId, userId, cancellationToken);
        if (enrollment.Role == CourseRole.Instructor && await IsLastInstructorAsync(db, courseId, cancellationToken))
        {
            throw new CourseValidationException(LastInstructorMessage);
        }

        foreach (var hook in unenrollHooks)
        {
            await hook.OnUnenrolledAsync(courseId, userId, cancellationToken);
        }

        db.Enrollments.Remove(enrollment);
        await db.SaveOrRefuseAsync(cancellationToken);
    }

    private async Task<EnrollmentBatchResult> ApplyAsync(
        Guid actorId, Guid courseId, IReadOnlyList<EnrollmentLine> lines, CourseRole defaultRole, CancellationToken cancellationToken)
    {
        await access.RequireManageAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var emails = lines.Where(l => l.IsValid).Select(l => l.Email!).Distinct().ToList();
        var users = await db.Users.Where(u => emails.Contains(u.Email)).ToDictionaryAsync(u => u.Email, StringComparer.Ordinal, cancellationToken);
        var userIds = users.Values.Select(u => u.Id).ToList();
        var enrollments = await db.Enrollments
            .Where(e => e.CourseId == courseId && userIds.Contains(e.UserId))
            .ToDictionaryAsync(e => e.UserId, cancellationToken);
        var instructors = await db.Enrollments.CountAsync(e => e.CourseId == courseId && e.Role == CourseRole.Instructor, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        var results = new List<EnrollmentResult>(lines.Count);
        foreach (var line in lines)
        {
            if (!line.IsValid)
            {
                results.Add(new EnrollmentResult(line.LineNumber, line.Input, null, EnrollmentOutcome.Invalid, null, false, line.Error!));
                continue;
            }

            var email = line.Email!;
            var created = false;
            if (!users.TryGetValue(email, out var user))
            {
                var name = line.DisplayName ?? email[..email.IndexOf('@', StringComparison.Ordinal)];
                user = new User { Email = email, DisplayName = name, FirstName = FirstNameOf(name), CreatedAt = now };
                db.Users.Add(user);
                users[email] = user;
                created = true;
            }

            if (!enrollments.TryGetValue(user.Id, out var enrollment))
            {
                var role = line.Role ?? defaultRole;
                db.Enrollments.Add(enrollments[user.Id] = new Enrollment { User = user, CourseId = courseId, Role = role, CreatedAt = now });
                instructors += role == CourseRole.Instructor ? 1 : 0;
                results.Add(new EnrollmentResult(line.LineNumber, line.Input, email, EnrollmentOutcome.Added, role, created,
                    created ? $"Added as {Describe(role)} (new account)." : $"Added as {Describe(role)}."));
            }
            else if (line.Role is not { } wanted || wanted == enrollment.Role)
            {
                results.Add(new EnrollmentResult(line.LineNumber, line.Input, email, EnrollmentOutcome.AlreadyEnrolled, enrollment.Role, false,
                    $"Already enrolled as {Describe(enrollment.Role)}."));
            }
            else if (enrollment.Role == CourseRole.Instructor && instructors <= 1)
            {
                results.Add(new EnrollmentResult(line.LineNumber, line.Input, email, EnrollmentOutcome.Invalid, enrollment.Role, false, LastInstructorMessage));
            }
            else
            {
                instructors += (wanted == CourseRole.Instructor ? 1 : 0) - (enrollment.Role == CourseRole.Instructor ? 1 : 0);
                var previous = enrollment.Role;
                enrollment.Role = wanted;
                results.Add(new EnrollmentResult(line.LineNumber, line.Input, email, EnrollmentOutcome.RoleChanged, wanted, false,
                    $"Role changed from {Describe(previous)} to {Describe(wanted)}."));
            }
        }

        await db.SaveOrRefuseAsync(cancellationToken);
        return new EnrollmentBatchResult(results);
    }

    private static async Task<Enrollment> LoadAsync(GrimoireDbContext db, Guid courseId, Guid userId, CancellationToken cancellationToken) =>
        await db.Enrollments.SingleOrDefaultAsync(e => e.CourseId == courseId && e.UserId == userId, cancellationToken)
        ?? throw new CourseValidationException("That person is not enrolled in this course.");

    private static async Task<bool> IsLastInstructorAsync(GrimoireDbContext db, Guid courseId, CancellationToken cancellationToken) =>
        await db.Enrollments.CountAsync(e => e.CourseId == courseId && e.Role == CourseRole.Instructor, cancellationToken) <= 1;

    private static string FirstNameOf(string displayName)
    {
        var first = displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var word, ..] ? word : displayName;
        return first.Length > 100 ? first[..100] : first;
    }

    private static string Describe(CourseRole role) => role.ToString().ToLowerInvariant();
}
