using Grimoire.Core.Refusals;
using Grimoire.Web.State;

namespace Grimoire.Web.Refusals;

/// <summary>
/// The sentence shown beside the action the person just took when it was refused (one per circuit); cleared by the
/// next action or by closing it. <see cref="RunAsync"/> is how a component's event handler calls a service: a
/// <see cref="RefusalException"/> becomes this notice instead of ending the circuit.
/// </summary>
public sealed class RefusalNotice(RefusalMetrics metrics) : ObservableState
{
    public string? Text { get; private set; }

    /// <summary>Shows <paramref name="text"/> and returns it (so a caller can also hand it back, e.g. to an editor).</summary>
    public string Show(string text)
    {
        Text = text;
        RaiseChanged();
        return text;
    }

    public void Clear()
    {
        if (Text is not null)
        {
            Text = null;
            RaiseChanged();
        }
    }

    /// <summary>Runs an event handler's work; a refusal shows as the notice.</summary>
    public async Task RunAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action();
        }
        catch (RefusalException refusal)
        {
            metrics.Record(refusal, "notice");
            Show(refusal.Message);
        }
    }

    /// <summary>
    /// Runs one service call: null when it went through, otherwise the refusal's sentence, shown as the notice
    /// (so the caller can also keep what the person typed, e.g. the composer's text).
    /// </summary>
    public async Task<string?> RunAsync<T>(Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action();
            return null;
        }
        catch (RefusalException refusal)
        {
            metrics.Record(refusal, "notice");
            return Show(refusal.Message);
        }
    }

    /// <summary>
    /// As <see cref="RunAsync{T}"/> for a refusal the caller shows itself beside the action (<paramref name="where"/>,
    /// e.g. the message editor): counted, returned, not shown as the notice.
    /// </summary>
    public async Task<string?> ExplainAsync<T>(Func<Task<T>> action, string where)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action();
            return null;
        }
        catch (RefusalException refusal)
        {
            metrics.Record(refusal, where);
            return refusal.Message;
        }
    }

    /// <summary>As <see cref="RunAsync(Func{Task})"/> for work that answers "null, or why not": a refusal is the answer.</summary>
    public async Task<string?> RunAsync(Func<Task<string?>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action();
        }
        catch (RefusalException refusal)
        {
            metrics.Record(refusal, "notice");
            return Show(refusal.Message);
        }
    }
}
