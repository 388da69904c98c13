namespace Grimoire.Core.Audit;

/// <summary>One message copied into a branch (X2): the original's id, its copy's id, and their shared position.</summary>
public sealed record AuditMessageCopy(Guid From, Guid To, int Sequence);
