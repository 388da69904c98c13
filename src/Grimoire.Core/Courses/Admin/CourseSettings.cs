using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Courses.Admin;

/// <summary>
/// A course's settings tab: name, code, term, dates, default system prompt and default model, archive. Instructors
/// and site admins change them; tutors read them.
/// </summary>
public sealed class CourseSettings(IDbContextFactory<GrimoireDbContext> contextFactory, CourseAdminAccess access, TimeProvider time)
{
    public async Task<CourseSettingsView> GetAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        var rights = await access.RequireReadAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == courseId, cancellationToken);
        var models = await db.CourseModelConfigs.AsNoTracking()
            .Where(m => m.CourseId == courseId)
            .OrderBy(m => m.SortOrder).ThenBy(m => m.DisplayName)
            .Select(m => new CourseModelChoice(m.Id, m.DisplayName, m.IsEnabled))
            .ToListAsync(cancellationToken);
        return new CourseSettingsView(
            course.Id, course.Code, course.Name, course.Term, course.StartsOn, course.EndsOn, course.IsArchived,
            course.DefaultSystemPrompt, course.DefaultModelConfigId, models, rights.CanManage,
            new CourseKeyDefaults(course.DefaultKeyBudget, course.DefaultKeyBudgetReset, course.DefaultKeyExpiresOn))
        {
            StudentsMayShareWorkspaces = course.StudentsMayShareWorkspaces,
        };
    }

    /// <exception cref="CourseValidationException">A value is invalid, the code is taken, or the default model is not this course's.</exception>
    public async Task<CourseSettingsView> UpdateAsync(Guid actorId, Guid courseId, CourseSettingsUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        await access.RequireManageAsync(actorId, courseId, cancellationToken);

        var code = CourseFields.NormalizeCode(update.Code);
        var prompt = update.DefaultSystemPrompt ?? "";
        var problems = CourseFields.Check(code, update.Name ?? "", update.Term ?? "", update.StartsOn, update.EndsOn);
        if (prompt.Length > CourseFields.SystemPromptMaxLength)
        {
            problems.Add($"The default system prompt may have at most {CourseFields.SystemPromptMaxLength:N0} characters.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var course = await db.Courses.SingleAsync(c => c.Id == courseId, cancellationToken);
        if (update.KeyDefaults is { } keyDefaults)
        {
            problems.AddRange(KeyDefaultProblems(keyDefaults, course, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
        }

        if (update.DefaultModelConfigId is { } modelId
            && !await db.CourseModelConfigs.AnyAsync(m => m.Id == modelId && m.CourseId == courseId, cancellationToken))
        {
            problems.Add("The default model must be one of this course's models.");
        }

        if (problems.Count == 0 && await CourseFields.CodeTakenAsync(db, code, courseId, cancellationToken))
        {
            problems.Add(CourseFields.CodeTakenMessage(code));
        }

        CourseValidationException.ThrowIfAny(problems);

        course.Code = code;
        course.Name = update.Name!.Trim();
        course.Term = (update.Term ?? "").Trim();
        course.StartsOn = update.StartsOn;
        course.EndsOn = update.EndsOn;
        course.DefaultSystemPrompt = prompt;
        course.DefaultModelConfigId = update.DefaultModelConfigId;
        course.StudentsMayShareWorkspaces = update.StudentsMayShareWorkspaces ?? course.StudentsMayShareWorkspaces;
        if (update.KeyDefaults is { } defaults)
        {
            course.DefaultKeyBudget = defaults.Budget;
            course.DefaultKeyBudgetReset = defaults.Reset;
            course.DefaultKeyExpiresOn = defaults.ExpiresOn;
        }

        await CourseFields.SaveWithUniqueCodeAsync(db, code, courseId, cancellationToken);
        return await GetAsync(actorId, courseId, cancellationToken);
    }

    /// <summary>
    /// What is wrong with new key defaults. An expiry in the past is refused only when it changes, so an ended course's
    /// other settings can still be saved.
    /// </summary>
    private static IEnumerable<string> KeyDefaultProblems(CourseKeyDefaults defaults, Course course, DateOnly today)
    {
        if (defaults.Budget is { } budget && (budget <= 0 || budget > CourseKeyDefaults.MaxBudget))
        {
            yield return $"The default key budget must be above $0 and at most ${CourseKeyDefaults.MaxBudget:N0}.";
        }

        if (!Enum.IsDefined(defaults.Reset))
        {
            yield return "Choose when the key budget resets: never, daily, weekly or monthly.";
        }

        if (defaults.ExpiresOn is { } expires && expires < today && expires != course.DefaultKeyExpiresOn)
        {
            yield return $"The default key expiry {expires:yyyy-MM-dd} has passed; choose today or a later day, or leave it empty for the course end.";
        }
    }

    /// <summary>
    /// Archives (or restores) the course. An archived course keeps everything; students can read their history but
    /// start no new conversations.
    /// </summary>
    public async Task SetArchivedAsync(Guid actorId, Guid courseId, bool archived, CancellationToken cancellationToken)
    {
        await access.RequireManageAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Courses.Where(c => c.Id == courseId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.IsArchived, archived), cancellationToken);
    }
}
