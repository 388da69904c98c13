using System.Text.Json;
using Grimoire.Llm.Streaming;
using Microsoft.Extensions.AI;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// Turns stored messages into the history sent to the model. Thinking blocks go back unchanged, with their
/// signatures, only to the model that wrote them and only if the answer was not edited since (AC3.1); the whole
/// history carries across model switches (AC3.5).
/// </summary>
internal static class HistoryBuilder
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static List<ChatMessage> Build(IEnumerable<PlaygroundMessage> stored, string provider, string modelId) =>
        Build(stored, provider, modelId, new Dictionary<Guid, AIContent>());

    /// <summary>
    /// As above, with each user message's attachments (AC7.4) as parts after its text, from <paramref name="files"/>.
    /// With <paramref name="speakers"/> (a shared conversation, AC8.3), each user message carries its author's first
    /// name as <see cref="ChatMessage.AuthorName"/>; each provider's writer says it in its own way.
    /// </summary>
    public static List<ChatMessage> Build(
        IEnumerable<PlaygroundMessage> stored, string provider, string modelId, IReadOnlyDictionary<Guid, AIContent> files,
        IReadOnlyDictionary<Guid, string>? speakers = null)
    {
        var history = new List<ChatMessage>();
        foreach (var message in stored)
        {
            if (message.Role == MessageRole.User)
            {
                history.Add(Question(message.Content, Attachments.AttachmentReferences.Read(message.FileReferencesJson), files,
                    SpeakerOf(message.AuthorUserId, speakers)));
                continue;
            }

            var blocks = ThinkingContinuity.CanSendBack(message, provider, modelId)
                ? ReadBlocks(message.ThinkingBlocksJson)
                : [];
            if (message.Content.Length == 0 && blocks.Count == 0)
            {
                continue; // a failed answer with nothing in it says nothing to the model
            }

            var contents = new List<AIContent>(blocks.Count + 1);
            contents.AddRange(blocks.Select(b => new ThinkingBlockContent(b)));
            contents.Add(new TextContent(message.Content));
            history.Add(new ChatMessage(ChatRole.Assistant, contents));
        }

        return history;
    }

    /// <summary>A user message: its text, then one part per attached file (files no longer stored are left out).</summary>
    public static ChatMessage Question(
        string text, IEnumerable<Attachments.AttachmentReference> references, IReadOnlyDictionary<Guid, AIContent> files, string? speaker = null)
    {
        var parts = references.Select(r => files.GetValueOrDefault(r.Id)).OfType<AIContent>().ToList();
        if (parts.Count == 0)
        {
            return new ChatMessage(ChatRole.User, text) { AuthorName = speaker };
        }

        parts.Insert(0, new TextContent(text));
        return new ChatMessage(ChatRole.User, parts) { AuthorName = speaker };
    }

    /// <summary>The first name a user message is sent with, or null (not shared, or the author is unknown).</summary>
    public static string? SpeakerOf(Guid? authorId, IReadOnlyDictionary<Guid, string>? speakers) =>
        speakers is not null && authorId is { } id && speakers.TryGetValue(id, out var name) ? name : null;

    /// <summary>A first name as it may go into a prompt: one line, trimmed, at most 40 characters; null when nothing is left.</summary>
    public static string? SpeakerName(string? firstName)
    {
        var line = string.Join(' ', (firstName ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        line = new string([.. line.Where(c => !char.IsControl(c) && c != ':')]).Trim();
        return line.Length == 0 ? null : line.Length <= 40 ? line : line[..40];
    }

    public static string? WriteBlocks(IReadOnlyList<ThinkingBlock> blocks) =>
        blocks.Count == 0 ? null : JsonSerializer.Serialize(blocks, Json);

    public static IReadOnlyList<ThinkingBlock> ReadBlocks(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<ThinkingBlock>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
