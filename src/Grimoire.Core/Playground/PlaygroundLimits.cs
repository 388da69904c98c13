using System.Globalization;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Playground;

/// <summary>
/// The explicit limits on what a student sends (issue 17 item 7, X7), with the sentence each refusal shows beside
/// the input. The same sentences are used by the browser-side check, so a refusal reads the same wherever it is made.
/// Singleton over <see cref="PlaygroundOptions"/>.
/// </summary>
public sealed class PlaygroundLimits(IOptions<PlaygroundOptions> options)
{
    public int MaxMessageChars => options.Value.MaxMessageChars;

    public int MaxSystemPromptChars => options.Value.MaxSystemPromptChars;

    public int MaxEditChars => options.Value.MaxEditChars;

    public int MaxMessagesPerConversation => options.Value.MaxMessagesPerConversation;

    public int UnknownContextTokens => options.Value.UnknownContextTokens;

    public static string MessageTooLong(int length, int limit) => TooLong("Your message", length, limit);

    public static string SystemPromptTooLong(int length, int limit) => TooLong("Your system prompt", length, limit);

    public static string EditTooLong(int length, int limit) => TooLong("Your edit", length, limit);

    /// <summary>Null when the message fits, else why not.</summary>
    public string? MessageRefusal(string text) => text.Length > MaxMessageChars ? MessageTooLong(text.Length, MaxMessageChars) : null;

    public string? SystemPromptRefusal(string prompt) =>
        prompt.Length > MaxSystemPromptChars ? SystemPromptTooLong(prompt.Length, MaxSystemPromptChars) : null;

    public string? EditRefusal(string text) => text.Length > MaxEditChars ? EditTooLong(text.Length, MaxEditChars) : null;

    /// <summary>Null when <paramref name="adding"/> more messages fit after <paramref name="stored"/>, else why not.</summary>
    public string? ConversationFullRefusal(int stored, int adding) =>
        stored + adding <= MaxMessagesPerConversation
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"This conversation holds {stored:N0} messages; the limit is {MaxMessagesPerConversation:N0}. Start a new conversation to go on.");

    private static string TooLong(string what, int length, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} is {length:N0} characters; the limit is {limit:N0}.");
}
