namespace Grimoire.Core.Playground.Forking;

/// <summary>
/// How a conversation is linked to others by branching (X2), as one person may see it: where it was branched from,
/// and the branches taken from it. Conversations the person cannot view are left out.
/// </summary>
/// <param name="Source">The conversation it was branched from, or null (not a branch, source deleted, or not viewable).</param>
/// <param name="Branches">Branches taken from it, oldest first.</param>
public sealed record ForkLinks(ForkSource? Source, IReadOnlyList<ForkBranch> Branches)
{
    public static ForkLinks None { get; } = new(null, []);
}

/// <summary>The conversation a branch came from and the message it was taken at.</summary>
/// <param name="MessageId">The source message the branch was taken at; null once that message is deleted.</param>
/// <param name="MessageSequence">That message's position (the branch holds copies of positions 0 to this); null once it is deleted.</param>
public sealed record ForkSource(Guid ConversationId, string Title, Guid? MessageId, int? MessageSequence);

/// <summary>A branch taken from a conversation, at the message <paramref name="FromMessageId"/> (position <paramref name="FromSequence"/>).</summary>
public sealed record ForkBranch(Guid ConversationId, string Title, DateTime CreatedAt, Guid? FromMessageId, int? FromSequence);
