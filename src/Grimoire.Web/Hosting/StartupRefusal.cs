using System.Data.Common;
using Grimoire.Core.Data;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Hosting;

/// <summary>
/// Turns a start-up failure caused by configuration into one line per bad setting, instead of a stack trace.
/// Anything else is not ours to explain and is left to crash loudly.
/// </summary>
internal static class StartupRefusal
{
    public static IReadOnlyList<string> Describe(Exception exception) => exception switch
    {
        OptionsValidationException options => [.. options.Failures.Distinct()],
        DbException db => [$"the database in {DatabaseOptions.Section}:ConnectionString could not be used: {db.Message}"],
        AggregateException aggregate when aggregate.InnerExceptions.All(e => Describe(e).Count > 0) =>
            [.. aggregate.InnerExceptions.SelectMany(Describe).Distinct()],
        _ => [],
    };

    public static int Report(IReadOnlyList<string> reasons, TextWriter error)
    {
        foreach (var reason in reasons)
        {
            error.WriteLine($"Grimoire cannot start: {reason}");
        }

        return 1;
    }
}
