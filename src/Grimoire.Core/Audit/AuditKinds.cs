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

    /// <summary>A whole conversation deleted; its messages before.</summary>
    public const string ConversationDeleted = "conversation_deleted";

    /// <summary>A new conversation branched from a message of another (X2); which messages were copied to which ids.</summary>
    public const string ConversationForked = "conversation_forked";
}
