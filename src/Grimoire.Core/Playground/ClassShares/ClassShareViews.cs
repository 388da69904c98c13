namespace Grimoire.Core.Playground.ClassShares;

/// <summary>What an instructor sees of a conversation's class share: null <see cref="ShareId"/> when it is not shared.</summary>
/// <param name="CopyCount">Students holding a copy now.</param>
public sealed record ClassShareStatus(Guid? ShareId, DateTime? SharedAt, int CopyCount);

/// <summary>A student's class copy as its banner shows it.</summary>
/// <param name="LastMessageId">The copy's last message, where "Branch to continue" branches; null for an empty copy.</param>
/// <param name="IsWithdrawn">True once the instructor unshared it (a copy someone branched stays).</param>
public sealed record ClassShareCopyView(Guid ShareId, string SharedBy, string SourceTitle, DateTime SharedAt, Guid? LastMessageId, bool IsWithdrawn);
