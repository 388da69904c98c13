using Grimoire.Core.Courses.Admin;

namespace Grimoire.Core.Tests.CourseAdmin;

internal static class Refusals
{
    /// <summary>The action is refused with the access exception (not a validation error, not success).</summary>
    public static async Task AssertDeniedAsync(string who, Func<Task> action)
    {
        var ex = await Record.ExceptionAsync(action);
        Assert.True(ex is CourseAccessDeniedException, $"Expected the {who} to be refused, got {ex?.GetType().Name ?? "success"}.");
    }
}
