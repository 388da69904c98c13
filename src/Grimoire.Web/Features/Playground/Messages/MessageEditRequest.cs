namespace Grimoire.Web.Features.Playground.Messages;

/// <summary>
/// A student's edit of one message: its id, the new Markdown, and the version the editor started from (several
/// people may edit one message: a save from an older version is refused as changed meanwhile, issue 12 item 6).
/// </summary>
public sealed record MessageEditRequest(Guid MessageId, string Content, Core.Playground.Editing.EditBase? BasedOn = null);
