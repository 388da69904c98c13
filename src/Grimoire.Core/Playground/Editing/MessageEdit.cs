namespace Grimoire.Core.Playground.Editing;

/// <summary>
/// The outcome of <see cref="MessageEditor.EditAsync"/>: the message as stored now, or why the edit was refused (in
/// words for the student; nothing changed).
/// </summary>
/// <param name="Message">The message after the edit (or as it was, when <see cref="Changed"/> is false); null when refused.</param>
/// <param name="Changed">False when the new text equalled the old: nothing was stored or archived.</param>
/// <param name="Refusal">Why nothing was changed, or null.</param>
public sealed record MessageEdit(PlaygroundMessage? Message, bool Changed, string? Refusal)
{
    public bool Succeeded => Refusal is null;

    /// <summary>
    /// True when the edited message is an answer whose thinking blocks will no longer be sent to the model
    /// (show <see cref="ThinkingContinuity.WithheldAfterEditNotice"/>).
    /// </summary>
    public bool ThinkingWithheld => Message is not null && ThinkingContinuity.IsWithheldAfterEdit(Message);

    public static MessageEdit Refused(string reason) => new(null, false, reason);
}
