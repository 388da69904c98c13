namespace Grimoire.Core.Tests.Keys;

/// <summary>
/// Holds each request it gates until the test lets it through, one permit per request, so a class run moves step by
/// step without timing: a test releases N, waits for the job to show N, and knows exactly which request is in hand.
/// </summary>
public sealed class StepGate
{
    private readonly Lock gate = new();
    private int permits;
    private int waiting;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets <paramref name="count"/> more requests through.</summary>
    public void Release(int count) => Change(() => permits += count);

    /// <summary>Returns once at least <paramref name="count"/> requests are held at the gate.</summary>
    public async Task HoldingAsync(int count)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // bounds a failing test only
        while (WaitOrNull(() => waiting >= count) is { } next)
        {
            await next.WaitAsync(limit.Token);
        }
    }

    internal async Task PassAsync(CancellationToken cancellationToken)
    {
        Change(() => waiting++);
        try
        {
            while (WaitOrNull(TakePermit) is { } next)
            {
                await next.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            Change(() => waiting--);
        }
    }

    private bool TakePermit()
    {
        if (permits == 0)
        {
            return false;
        }

        permits--;
        return true;
    }

    /// <summary>Null when <paramref name="done"/> holds (checked under the lock), else a task that ends at the next change.</summary>
    private Task? WaitOrNull(Func<bool> done)
    {
        lock (gate)
        {
            return done() ? null : changed.Task;
        }
    }

    private void Change(Action change)
    {
        TaskCompletionSource previous;
        lock (gate)
        {
            change();
            previous = changed;
            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }
}
