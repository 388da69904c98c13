namespace Grimoire.Web.Features.Playground.Messages;

/// <summary>A student's edit of one message: its id and the new Markdown.</summary>
public sealed record MessageEditRequest(Guid MessageId, string Content);
