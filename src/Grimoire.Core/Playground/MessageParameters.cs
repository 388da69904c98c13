using System.Text.Json;

namespace Grimoire.Core.Playground;

/// <summary>
/// What an assistant message was generated with, stored as <see cref="PlaygroundMessage.ParametersJson"/>:
/// the model as the course named it, the parameters actually sent, and the system prompt (AC1.1, AC1.2).
/// </summary>
public sealed record MessageParameters(
    Guid ModelConfigId,
    string ModelDisplayName,
    double? Temperature,
    int MaxTokens,
    bool ThinkingEnabled,
    int? ThinkingBudget,
    string? ThinkingEffort,
    string SystemPrompt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static MessageParameters? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<MessageParameters>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>"off", "budget 2,048 tokens" or "effort high".</summary>
    public string DescribeThinking() => !ThinkingEnabled ? "off"
        : ThinkingBudget is { } budget ? $"budget {budget:N0} tokens"
        : ThinkingEffort is { } effort ? $"effort {effort}"
        : "on";
}
