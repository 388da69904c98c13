using System.Text.RegularExpressions;
using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Lti;

/// <summary>A launch that signed someone in: who, into which course, as what.</summary>
public sealed record LtiSignIn(User? User, Guid CourseId, CourseRole Role, LtiRefusal? Refusal, ExternalSignInRefusal? AccountRefusal = null)
{
    public static LtiSignIn Refused(LtiRefusal refusal, ExternalSignInRefusal? account = null) => new(null, Guid.Empty, CourseRole.Student, refusal, account);
}

/// <summary>
/// Turns a validated launch into a signed-in person enrolled in a course (X9). The account is found or bound through
/// <see cref="ExternalAccounts"/> by (platform issuer, <c>sub</c>), exactly as an OpenID Connect sign-in; the e-mail
/// the LMS sends counts as verified (the platform is registered by a site admin). The LMS context maps to a course:
/// an instructor's first launch creates it (or a site admin links an existing one), students and tutors need that to
/// have happened. Each launch sets the person's role from the LMS, except that it never demotes the course's last
/// instructor.
/// </summary>
public sealed partial class LtiLaunches(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    ExternalAccounts accounts,
    LtiMetrics metrics,
    TimeProvider time,
    ILogger<LtiLaunches> logger)
{
    public async Task<LtiSignIn> SignInAsync(LtiLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (string.IsNullOrEmpty(launch.ContextId) || launch.ContextId.Length > 255)
        {
            return Refuse(LtiRefusal.NoContext);
        }

        if (LtiRoles.Map(launch.Roles) is not { } role)
        {
            return Refuse(LtiRefusal.NoCourseRole);
        }

        var identity = new ExternalIdentity(
            launch.Issuer, launch.Subject, launch.Email, string.IsNullOrEmpty(launch.Email) ? null : true, launch.Name, launch.GivenName);
        var account = await accounts.SignInAsync(identity, "lti", cancellationToken);
        if (account.User is not { } user)
        {
            return Refuse(LtiRefusal.AccountRefused, account.Refusal);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.LtiContextLinks.SingleOrDefaultAsync(l => l.PlatformId == launch.PlatformId && l.ContextId == launch.ContextId, cancellationToken);
        if (link is null)
        {
            if (role != CourseRole.Instructor)
            {
                return Refuse(LtiRefusal.CourseNotSetUp);
            }

            link = await CreateCourseAsync(db, launch, cancellationToken);
        }

        if (launch.MembershipsUrl is { Length: <= LtiPlatform.MaxUrlLength } url && LtiPlatforms.IsAllowedUrl(url))
        {
            link.MembershipsUrl = url;
        }

        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.CourseId == link.CourseId && e.UserId == user.Id, cancellationToken);
        if (enrollment is null)
        {
            db.Enrollments.Add(new Enrollment { CourseId = link.CourseId, UserId = user.Id, Role = role, CreatedAt = time.GetUtcNow().UtcDateTime });
        }
        else if (enrollment.Role != role
            && !(enrollment.Role == CourseRole.Instructor
                 && await db.Enrollments.CountAsync(e => e.CourseId == link.CourseId && e.Role == CourseRole.Instructor, cancellationToken) == 1))
        {
            LogRoleChanged(user.Id, link.CourseId, enrollment.Role, role);
            enrollment.Role = role;
        }

        await db.SaveChangesAsync(cancellationToken);
        var effective = enrollment?.Role ?? role;
        metrics.Launched(effective.ToString());
        LogLaunched(user.Id, link.CourseId, effective, launch.PlatformId);
        return new LtiSignIn(user, link.CourseId, effective, null);
    }

    private async Task<LtiContextLink> CreateCourseAsync(GrimoireDbContext db, LtiLaunch launch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var name = (launch.ContextTitle ?? launch.ContextLabel ?? "").Trim();
        name = name.Length == 0 ? "Course from the LMS" : name[..Math.Min(name.Length, 200)];
        var stem = CodeCharacters().Replace(CourseFields.NormalizeCode(launch.ContextLabel ?? launch.ContextTitle ?? "LTI"), "-").Trim('-', '.', '_');
        stem = stem.Length == 0 ? "LTI" : stem[..Math.Min(stem.Length, 24)];
        var code = stem;
        for (var n = 2; await CourseFields.CodeTakenAsync(db, code, null, cancellationToken); n++)
        {
            code = $"{stem}-{n}";
        }

        var course = new Course { Code = code, Name = name, CreatedAt = now };
        var link = new LtiContextLink { PlatformId = launch.PlatformId, ContextId = launch.ContextId!, CourseId = course.Id, CreatedAt = now };
        db.Courses.Add(course);
        db.LtiContextLinks.Add(link);
        metrics.CourseCreated();
        LogCourseCreated(course.Id, code, launch.PlatformId);
        return link;
    }

    private LtiSignIn Refuse(LtiRefusal refusal, ExternalSignInRefusal? account = null)
    {
        metrics.Refused(refusal);
        LogRefused(refusal, account);
        return LtiSignIn.Refused(refusal, account);
    }

    [GeneratedRegex("[^A-Z0-9._-]+", RegexOptions.CultureInvariant)]
    private static partial Regex CodeCharacters();

    [LoggerMessage(Level = LogLevel.Information, Message = "LTI launch signed in user {UserId} to course {CourseId} as {Role} (platform {PlatformId})")]
    private partial void LogLaunched(Guid userId, Guid courseId, CourseRole role, Guid platformId);

    [LoggerMessage(Level = LogLevel.Information, Message = "LTI launch created course {CourseId} ({Code}) for platform {PlatformId}")]
    private partial void LogCourseCreated(Guid courseId, string code, Guid platformId);

    [LoggerMessage(Level = LogLevel.Information, Message = "LTI launch changed user {UserId}'s role in course {CourseId} from {From} to {To}")]
    private partial void LogRoleChanged(Guid userId, Guid courseId, CourseRole from, CourseRole to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LTI launch refused: {Refusal} (account: {AccountRefusal})")]
    private partial void LogRefused(LtiRefusal refusal, ExternalSignInRefusal? accountRefusal);
}
