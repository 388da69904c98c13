namespace Grimoire.Core.Audit;

/// <summary>The <c>kind</c> of an archive record.</summary>
public static class AuditKinds
{
    /// <summary>One provider call, written when it ended (complete, stopped, failed or interrupted).</summary>
    public const string ProviderCall = "provider_call";

    /// <summary>A message's text (or thinking) edited in place; before and after.</summary>
    public const string MessageEdited = "message_edited";

    /// <summary>An assistant message replaced by a new answer; the replaced content, and later messages removed.</summary>
    public const string MessageRegenerated = "message_regenerated";

    /// <summary>A message deleted; its content before.</summary>
    public const string MessageDeleted = "message_deleted";

    /// <summary>
    /// A whole conversation deleted: its title, how many messages it had and which (ids, positions, roles, status, and
    /// each text's length and SHA-256 — the texts themselves are in the records that archived them), and its branches.
    /// </summary>
    public const string ConversationDeleted = "conversation_deleted";

    /// <summary>
    /// An answer a previous process left streaming (it stopped without its final write: a crash or a kill), marked
    /// interrupted at start-up; the text and thinking as last checkpointed, which is what the database shows.
    /// </summary>
    public const string TurnInterrupted = "turn_interrupted";

    /// <summary>
    /// An operator accepted, at start-up, that this node's chain no longer matched the database's anchor (records the
    /// database had seen were lost or altered) and let it continue (<see cref="AuditOptions.AcceptBrokenAnchor"/>):
    /// what the anchor said, what the archive held, and why they differed. The anchor moves to this record.
    /// </summary>
    public const string AnchorReset = "anchor_reset";

    /// <summary>A new conversation branched from a message of another (X2); which messages were copied to which ids.</summary>
    public const string ConversationForked = "conversation_forked";
}
