using Grimoire.Web.State;

namespace Grimoire.Web.Refusals;

/// <summary>
/// The sentence shown beside the action the person just took when it was refused or failed (one per circuit);
/// cleared by the next action or by closing it.
/// </summary>
public sealed class RefusalNotice : ObservableState
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
}
