namespace Grimoire.Core.Playground;

/// <summary>
/// When an answer's thinking blocks go back to the model with the history (AC3.1): unchanged, with their signatures,
/// only to the model that wrote them, and only while the answer is as the model wrote it. Editing an answer ends
/// that: the signature covers the original text, so the thinking stays visible but is no longer sent.
/// </summary>
public static class ThinkingContinuity
{
    /// <summary>What the UI shows on an edited answer whose thinking is no longer sent.</summary>
    public const string WithheldAfterEditNotice = "Thinking is no longer sent to the model because this answer was edited.";

    /// <summary>True when <paramref name="message"/> is an edited answer that had thinking blocks: they are kept but not sent.</summary>
    public static bool IsWithheldAfterEdit(PlaygroundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Role == MessageRole.Assistant && message.EditedAt is not null && !string.IsNullOrWhiteSpace(message.ThinkingBlocksJson);
    }

    /// <summary>True when the answer's thinking blocks may go back with the history to <paramref name="provider"/>/<paramref name="modelId"/>.</summary>
    public static bool CanSendBack(PlaygroundMessage message, string provider, string modelId)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.EditedAt is null && message.Provider == provider && message.Model == modelId;
    }
}
