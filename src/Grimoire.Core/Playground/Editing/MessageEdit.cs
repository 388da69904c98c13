namespace Grimoire.Core.Playground.Editing;

/// <summary>
/// The outcome of <see cref="MessageEditor.EditAsync"/>: the message as stored now. A refused edit throws instead
/// (<see cref="PlaygroundRefusedException"/>, <see cref="PlaygroundLimitException"/>), with nothing changed.
/// </summary>
/// <param name="Message">The message after the edit (or as it was, when <see cref="Changed"/> is false).</param>
/// <param name="Changed">False when the new text equalled the old: nothing was stored or archived.</param>
public sealed record MessageEdit(PlaygroundMessage Message, bool Changed)
{

    /// <summary>
    /// True when the edited message is an answer whose thinking blocks will no longer be sent to the model
    /// (show <see cref="ThinkingContinuity.WithheldAfterEditNotice"/>).
    /// </summary>
    public bool ThinkingWithheld => ThinkingContinuity.IsWithheldAfterEdit(Message);
}
