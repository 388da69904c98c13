using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Lti;

/// <summary>An LMS course linked to a Grimoire course, as the admin page and CLI list them.</summary>
public sealed record LtiContextLinkView(Guid Id, Guid PlatformId, string ContextId, Guid CourseId, string CourseCode, bool HasRoster);

/// <summary>
/// Site-admin links between LMS contexts and existing Grimoire courses (X9), for a course that exists before its
/// first launch. Operator-level like <see cref="LtiPlatforms"/>.
/// </summary>
public sealed partial class LtiContextLinks(IDbContextFactory<GrimoireDbContext> contextFactory, TimeProvider time, ILogger<LtiContextLinks> logger)
{
    public async Task<IReadOnlyList<LtiContextLinkView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await (from l in db.LtiContextLinks.AsNoTracking()
                      join c in db.Courses on l.CourseId equals c.Id
                      orderby c.Code
                      select new LtiContextLinkView(l.Id, l.PlatformId, l.ContextId, l.CourseId, c.Code, l.MembershipsUrl != null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Links (or re-links) the platform's context to the course with this code.</summary>
    /// <exception cref="LtiRegistrationException">The platform or course does not exist, or the context id is empty.</exception>
    public async Task<LtiContextLinkView> LinkAsync(Guid platformId, string contextId, string courseCode, CancellationToken cancellationToken)
    {
        var context = (contextId ?? "").Trim();
        var code = Courses.Admin.CourseFields.NormalizeCode(courseCode);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (context.Length is 0 or > 255)
        {
            throw new LtiRegistrationException("The LMS context id (the course id the platform sends) is required.");
        }

        if (!await db.LtiPlatforms.AnyAsync(p => p.Id == platformId, cancellationToken))
        {
            throw new LtiRegistrationException($"No LTI platform has the id {platformId}.");
        }

#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL upper(): the same on both databases.
        var course = await db.Courses.SingleOrDefaultAsync(c => c.Code.ToUpper() == code, cancellationToken)
            ?? throw new LtiRegistrationException($"No course has the code {code}.");
#pragma warning restore CA1304, CA1311, CA1862
        var link = await db.LtiContextLinks.SingleOrDefaultAsync(l => l.PlatformId == platformId && l.ContextId == context, cancellationToken);
        if (link is null)
        {
            link = new LtiContextLink { PlatformId = platformId, ContextId = context, CourseId = course.Id, CreatedAt = time.GetUtcNow().UtcDateTime };
            db.LtiContextLinks.Add(link);
        }
        else
        {
            link.CourseId = course.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogLinked(platformId, context, course.Id);
        return new LtiContextLinkView(link.Id, platformId, context, course.Id, course.Code, link.MembershipsUrl != null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LTI context {ContextId} on platform {PlatformId} linked to course {CourseId}")]
    private partial void LogLinked(Guid platformId, string contextId, Guid courseId);
}
