namespace Grimoire.Core.Playground;

/// <summary>Bound from <c>Grimoire:Playground</c>.</summary>
public sealed class PlaygroundOptions
{
    public const string Section = "Grimoire:Playground";

    /// <summary>The most any text limit below may be set to, so the circuit's receive size stays bounded.</summary>
    public const int MaxTextLimit = 1_000_000;

    /// <summary>Messages a student may send per minute, on average (token bucket refill rate). 0 turns the limit off.</summary>
    public int TurnsPerMinute { get; set; } = 20;

    /// <summary>Messages a student may send in a quick burst (bucket size).</summary>
    public int TurnBurst { get; set; } = 5;

    /// <summary>How often a growing answer is saved while it streams (never per token).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Characters one message may have.</summary>
    public int MaxMessageChars { get; set; } = 32_000;

    /// <summary>Characters the student's system prompt may have.</summary>
    public int MaxSystemPromptChars { get; set; } = 16_000;

    /// <summary>Characters an edited question or answer may have.</summary>
    public int MaxEditChars { get; set; } = 64_000;

    /// <summary>Messages (questions and answers together) one conversation may hold.</summary>
    public int MaxMessagesPerConversation { get; set; } = 400;

    /// <summary>The context, in tokens, a turn may use on a model whose context length is not known.</summary>
    public int UnknownContextTokens { get; set; } = 128_000;

    /// <summary>Answers one student may have arriving at once, across all their conversations.</summary>
    public int MaxAnswersInFlight { get; set; } = 2;

    /// <summary>Conversations (new ones and branches) a student may start per minute; a burst of this many. 0 turns the limit off.</summary>
    public int ConversationsPerMinute { get; set; } = 10;

    /// <summary>
    /// The largest message the browser may send the circuit (SignalR's MaximumReceiveMessageSize): room for the
    /// longest text allowed even if every character were escaped (up to 6 bytes in JSON, 8 to be safe), plus the envelope.
    /// </summary>
    public long CircuitReceiveBytes => Math.Max(32 * 1024, 8L * Math.Max(MaxMessageChars, Math.Max(MaxSystemPromptChars, MaxEditChars)) + 64 * 1024);
}
