using Grimoire.Core.Keys;
using Grimoire.Llm.OpenRouter.Keys;

namespace Grimoire.Core.Jobs.Kinds;

/// <summary>
/// One key action of a class job, with the key refusals mapped the same way for every kind: a failed step with the
/// provisioner's sentence, and the rest of the run stopped when no later key could succeed either (no or a refused
/// management key, or the actor lost the right).
/// </summary>
internal static class KeyJobStep
{
    public static async Task<CourseJobStep> AttemptAsync(Func<Task<CourseJobStep>> action)
    {
        try
        {
            return await action();
        }
        catch (KeyProvisioningException ex)
        {
            var fatal = ex.InnerException is OpenRouterKeyApiException { Error: OpenRouterKeyApiError.NotConfigured or OpenRouterKeyApiError.Unauthorized };
            return new CourseJobStep(CourseJobItemOutcome.Failed, ex.Message, StopsRun: fatal);
        }
        catch (KeyAccessDeniedException ex)
        {
            return new CourseJobStep(CourseJobItemOutcome.Failed, ex.Message, StopsRun: true);
        }
    }
}
