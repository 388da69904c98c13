using Grimoire.Core.Playground.Turns;
using Grimoire.Llm.Streaming;

namespace Grimoire.Core.Playground.Messages;

/// <summary>How an answer ended, as <see cref="PlaygroundMessage.Finish"/> stores it: the final status and everything the call produced.</summary>
public sealed record AnswerOutcome
{
    public required MessageStatus Status { get; init; }

    public string? ErrorText { get; init; }

    public string Text { get; init; } = "";

    public string? Thinking { get; init; }

    public string? ThinkingBlocksJson { get; init; }

    public string? ThinkingSignature { get; init; }

    public int? InputTokens { get; init; }

    public int? OutputTokens { get; init; }

    public int? ThinkingTokens { get; init; }

    public decimal? Cost { get; init; }

    public string? RequestBody { get; init; }

    public string? RequestUrl { get; init; }

    public string? GenerationId { get; init; }

    public DateTime? FirstTokenAt { get; init; }

    public DateTime? FinishedAt { get; init; }

    /// <summary>What the provider stream <paramref name="turn"/> produced, ended as <paramref name="status"/>.</summary>
    public static AnswerOutcome From(ChatTurn turn, MessageStatus status, string? errorText, DateTime? firstTokenAt, DateTime finishedAt)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var blocks = turn.ThinkingBlocks;
        var usage = turn.Usage;
        return new AnswerOutcome
        {
            Status = status,
            ErrorText = errorText,
            Text = turn.Text,
            Thinking = turn.Thinking,
            ThinkingBlocksJson = HistoryBuilder.WriteBlocks(blocks),
            ThinkingSignature = blocks.LastOrDefault(b => b.Signature is not null)?.Signature,
            InputTokens = (int?)usage?.InputTokens,
            OutputTokens = (int?)usage?.OutputTokens,
            ThinkingTokens = (int?)usage?.ThinkingTokens,
            Cost = usage?.CostUsd,
            RequestBody = turn.Request?.BodyText,
            RequestUrl = turn.Request?.Url.ToString(),
            GenerationId = turn.GenerationId,
            FirstTokenAt = firstTokenAt,
            FinishedAt = finishedAt,
        };
    }
}
