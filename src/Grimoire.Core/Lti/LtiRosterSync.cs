using Grimoire.Core.Courses;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Lti;

/// <summary>What a roster sync changed.</summary>
public sealed record LtiRosterSummary(int Enrolled, int RoleChanged, int Unenrolled, int Unchanged, int Skipped)
{
    public override string ToString() =>
        $"{Enrolled} enrolled, {RoleChanged} role(s) changed, {Unenrolled} unenrolled, {Unchanged} unchanged, {Skipped} skipped";
}

/// <summary>
/// Roster sync from the LMS (LTI Names and Role Provisioning Services, X9), acting as the instructor or site admin who
/// asked (on their launch, or from the course page), through <see cref="CourseEnrollment"/>: enroll by e-mail (the
/// account is bound to (issuer, sub) on the person's first launch), change roles, and unenroll through the same path
/// as the People tab, which revokes the student's key. Someone absent from the roster is unenrolled when they are
/// bound at this platform or a student; staff added by hand and not bound there stay. Never the one who asked, and
/// never the last instructor (counted as skipped).
/// </summary>
public sealed partial class LtiRosterSync(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    CourseAdminAccess access,
    CourseEnrollment enrollment,
    LtiMemberships memberships,
    LtiMetrics metrics,
    ILogger<LtiRosterSync> logger)
{
    /// <summary>True when the course is linked to an LMS course whose platform offers a roster.</summary>
    public async Task<bool> IsAvailableAsync(Guid courseId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.LtiContextLinks.AnyAsync(l => l.CourseId == courseId && l.MembershipsUrl != null, cancellationToken);
    }

    /// <exception cref="CourseAccessDeniedException">The actor may not manage the course's people.</exception>
    /// <exception cref="LtiRosterException">The course has no LMS roster, or the platform could not be asked.</exception>
    public async Task<LtiRosterSummary> SyncAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        await access.RequireManageAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.LtiContextLinks.AsNoTracking().Where(l => l.CourseId == courseId && l.MembershipsUrl != null)
            .OrderByDescending(l => l.CreatedAt).FirstOrDefaultAsync(cancellationToken)
            ?? throw new LtiRosterException("This course is not linked to an LMS course with a roster (an instructor's launch sets that up).");
        var platform = await db.LtiPlatforms.AsNoTracking().SingleAsync(p => p.Id == link.PlatformId, cancellationToken);
        var members = await memberships.FetchAsync(platform, link.MembershipsUrl!, cancellationToken);

        var bound = await db.ExternalLogins.AsNoTracking().Where(l => l.Issuer == platform.Issuer)
            .ToDictionaryAsync(l => l.Subject, l => l.UserId, StringComparer.Ordinal, cancellationToken);
        var enrolled = await db.Enrollments.AsNoTracking().Where(e => e.CourseId == courseId)
            .Select(e => new { e.UserId, e.Role, e.User!.Email })
            .ToListAsync(cancellationToken);
        var boundUsers = bound.Values.ToHashSet();

        int added = 0, changed = 0, removed = 0, same = 0, skipped = 0;
        var present = new HashSet<Guid>();
        foreach (var member in members)
        {
            if (member.Role is not { } role || string.IsNullOrEmpty(member.Email) && !bound.ContainsKey(member.UserId))
            {
                skipped++;
                continue;
            }

            var current = bound.TryGetValue(member.UserId, out var userId)
                ? enrolled.FirstOrDefault(e => e.UserId == userId)
                : enrolled.FirstOrDefault(e => string.Equals(e.Email, Accounts.UserDirectory.NormalizeEmail(member.Email!), StringComparison.Ordinal));
            if (current is not null)
            {
                present.Add(current.UserId);
                if (current.Role == role)
                {
                    same++;
                }
                else if (await TryAsync(() => enrollment.SetRoleAsync(actorId, courseId, current.UserId, role, cancellationToken)))
                {
                    changed++;
                }
                else
                {
                    skipped++;
                }

                continue;
            }

            if (string.IsNullOrEmpty(member.Email))
            {
                skipped++;
                continue;
            }

            var result = await enrollment.EnrollAsync(actorId, courseId, member.Email, member.Name, role, cancellationToken);
            _ = result.Outcome switch
            {
                EnrollmentOutcome.Added => added++,
                EnrollmentOutcome.RoleChanged => changed++,
                EnrollmentOutcome.AlreadyEnrolled => same++,
                _ => skipped++,
            };
        }

        foreach (var gone in enrolled.Where(e => !present.Contains(e.UserId) && e.UserId != actorId && (boundUsers.Contains(e.UserId) || e.Role == CourseRole.Student)))
        {
            if (await TryAsync(() => enrollment.UnenrollAsync(actorId, courseId, gone.UserId, cancellationToken)))
            {
                removed++;
            }
            else
            {
                skipped++;
            }
        }

        var summary = new LtiRosterSummary(added, changed, removed, same, skipped);
        metrics.RosterSynced(summary);
        LogSynced(courseId, platform.Id, members.Count, summary.ToString());
        return summary;
    }

    private static async Task<bool> TryAsync(Func<Task> change)
    {
        try
        {
            await change();
            return true;
        }
        catch (CourseValidationException)
        {
            // The last instructor: kept.
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LTI roster of course {CourseId} synced from platform {PlatformId} ({Members} member(s)): {Summary}")]
    private partial void LogSynced(Guid courseId, Guid platformId, int members, string summary);
}

/// <summary>The roster could not be synced; the message says why, for the course page.</summary>
public sealed class LtiRosterException : Exception
{
    public LtiRosterException()
    {
    }

    public LtiRosterException(string message)
        : base(message)
    {
    }

    public LtiRosterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
