using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Courses.Admin;

/// <summary>
/// Saving when two people change the same course at once: a row removed or a person added meanwhile becomes a
/// message to reload and retry, not an error page.
/// </summary>
internal static class ConflictingSave
{
    public const string Message = "Someone else changed this course at the same moment. Reload and try again.";

    public static async Task SaveOrRefuseAsync(this GrimoireDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            throw new CourseValidationException(Message, ex);
        }
    }
}
