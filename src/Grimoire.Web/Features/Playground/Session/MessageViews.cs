using Grimoire.Core.Courses;
using Grimoire.Core.Playground;
using Grimoire.Web.Features.Playground.Messages;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>Stored messages and live snapshots, turned into what the cards show.</summary>
internal static class MessageViews
{
    public static ChatMessageView From(PlaygroundMessage message, IReadOnlyDictionary<Guid, string> authorNames, IReadOnlyList<CourseModelConfig> models)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parameters = MessageParameters.FromJson(message.ParametersJson);
        var isAssistant = message.Role == MessageRole.Assistant;
        return new ChatMessageView
        {
            Id = message.Id,
            Role = message.Role,
            AuthorName = isAssistant
                ? parameters?.ModelDisplayName ?? models.FirstOrDefault(m => m.Id == message.ModelConfigId)?.DisplayName ?? message.Model ?? "Model"
                : message.AuthorUserId is { } author && authorNames.TryGetValue(author, out var name) ? name : "Student",
            AskedById = isAssistant ? message.AuthorUserId : null,
            AskedByName = isAssistant && message.AuthorUserId is { } asker && authorNames.TryGetValue(asker, out var askedBy) ? askedBy : null,
            Content = message.Content,
            Thinking = message.Thinking,
            HasRedactedThinking = message.ThinkingBlocksJson?.Contains("\"redacted\"", StringComparison.OrdinalIgnoreCase) == true,
            Status = message.Status,
            Phase = message.Status == MessageStatus.Streaming ? LivePhase.Waiting : LivePhase.None,
            ErrorText = message.ErrorText,
            Byline = isAssistant ? BylineOf(message, parameters) : null,
            RequestJson = message.RequestBody,
            RequestUrl = message.RequestUrl,
            CreatedAt = message.CreatedAt,
            EditedAt = message.EditedAt,
            ThinkingNotSentBack = ThinkingContinuity.IsWithheldAfterEdit(message),
            Attachments = Core.Attachments.AttachmentReferences.Read(message.FileReferencesJson),
        };
    }

    private static MessageByline BylineOf(PlaygroundMessage message, MessageParameters? parameters) => new()
    {
        ModelDisplayName = parameters?.ModelDisplayName ?? message.Model ?? "",
        ModelId = message.Model ?? "",
        InputTokens = message.InputTokens,
        OutputTokens = message.OutputTokens,
        ThinkingTokens = message.ThinkingTokens,
        CostUsd = message.Cost,
        Temperature = parameters?.Temperature,
        MaxTokens = parameters?.MaxTokens,
        Thinking = parameters?.DescribeThinking() ?? "unknown",
        Duration = message.FinishedAt - message.CreatedAt,
        TimeToFirstToken = message.FirstTokenAt - message.CreatedAt,
    };
}
