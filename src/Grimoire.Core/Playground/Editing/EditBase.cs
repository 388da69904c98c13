namespace Grimoire.Core.Playground.Editing;

/// <summary>
/// The version of a message an edit started from: its text and <see cref="PlaygroundMessage.EditedAt"/> as shown
/// when editing began (issue 12 item 6). A save from an older version is refused as changed meanwhile.
/// </summary>
public sealed record EditBase(string Content, DateTime? EditedAt)
{
    public bool Matches(PlaygroundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Equals(message.Content, Content, StringComparison.Ordinal) && message.EditedAt == EditedAt;
    }
}
