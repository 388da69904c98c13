using Grimoire.Core.Refusals;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Keys;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Grimoire.Web.Features.Admin;

/// <summary>
/// Base of the course and site administration components: a lifetime token for service calls and one way to run a
/// call so that a refusal or validation error becomes a message instead of an error page.
/// </summary>
public abstract class AdminComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource lifetime = new();

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    protected CancellationToken Lifetime => lifetime.Token;

    /// <summary>True while a call runs: buttons disable so nothing is sent twice.</summary>
    protected bool Busy { get; private set; }

    /// <summary>The last call's validation problems, when it asked for them inline (shown beside the form).</summary>
    protected IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Runs a service call; shows <paramref name="success"/> when it worked and the service's reason when it did not.</summary>
    /// <param name="inlineProblems">Put validation problems in <see cref="Problems"/> (beside a form) instead of a message.</param>
    /// <returns>True when the call succeeded.</returns>
    protected async Task<bool> RunAsync(Func<CancellationToken, Task> action, string? success = null, bool inlineProblems = false)
    {
        ArgumentNullException.ThrowIfNull(action);
        Busy = true;
        Problems = [];
        try
        {
            await action(lifetime.Token);
            if (success is not null)
            {
                Snackbar.Add(success, Severity.Success);
            }

            return true;
        }
        catch (CourseValidationException ex) when (inlineProblems)
        {
            Problems = ex.Problems;
            return false;
        }
        catch (RefusalException ex)
        {
            // Every refusal's message is written for the person who asked and never holds a secret (decision 0010).
            Snackbar.Add(ex.Message, Severity.Error);
            return false;
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            lifetime.Cancel();
            lifetime.Dispose();
        }
    }
}
