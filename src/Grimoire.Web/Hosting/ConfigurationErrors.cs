using Microsoft.Extensions.Options;

namespace Grimoire.Web.Hosting;

/// <summary>Turns a start-up refusal into one line per bad setting instead of a stack trace.</summary>
internal static class ConfigurationErrors
{
    public static int Report(OptionsValidationException exception, TextWriter error)
    {
        foreach (var failure in exception.Failures.Distinct())
        {
            error.WriteLine($"Grimoire cannot start: {failure}");
        }

        return 1;
    }
}
