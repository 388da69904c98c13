using Grimoire.Core.Courses;
using Grimoire.Core.Playground;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Tokens;

namespace Grimoire.Core.Usage;

/// <summary>
/// The usage row of an answer the start-up sweep marks interrupted (issue 13, X1): the provider never reported its usage
/// (the process stopped mid-stream), so what the row stored is used when known, and otherwise it is estimated — input
/// from the conversation's earlier messages (the history sent; the system prompt is not counted), output from the
/// text and thinking that arrived — with the cost from the course
/// model's price list (<see cref="CostSource.PriceList"/>, i.e. estimated) or unknown (<see cref="CostSource.None"/>)
/// when the model has no prices. Written in the same save as the sweep's change, like <see cref="UsageLedger"/>.
/// </summary>
public static class InterruptedUsage
{
    /// <summary>The row, or null when the answer names no student, course or provider (never for a playground turn).</summary>
    public static UsageRecord? From(
        PlaygroundMessage answer, Guid courseId, CourseModelConfig? model, IEnumerable<string> history, DateTime finishedAtUtc, ITokenCounter tokenCounter)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(tokenCounter);
        ArgumentNullException.ThrowIfNull(history);
        if (answer.AuthorUserId is not { } userId || answer.Provider is null)
        {
            return null;
        }

        long input = answer.InputTokens ?? history.Sum(text => (long)tokenCounter.CountTokens(text));
        long output = answer.OutputTokens ?? (long)tokenCounter.CountTokens(answer.Content) + tokenCounter.CountTokens(answer.Thinking);
        var (cost, source) = answer.Cost is { } known ? (known, CostSource.Provider)
            : model is { InputPricePerMillion: { } inPrice, OutputPricePerMillion: { } outPrice }
                ? (((input * inPrice) + (output * outPrice)) / 1_000_000m, CostSource.PriceList)
                : ((decimal?)null, CostSource.None);
        var started = answer.CreatedAt;
        return new UsageRecord
        {
            UserId = userId,
            CourseId = courseId,
            ConversationId = answer.ConversationId,
            MessageId = answer.Id,
            ModelConfigId = answer.ModelConfigId,
            Provider = answer.Provider,
            Model = answer.Model ?? model?.ModelId ?? "",
            Status = MessageStatus.Interrupted,
            StartedAt = started,
            FinishedAt = finishedAtUtc,
            TimeToFirstTokenMs = answer.FirstTokenAt is { } first ? (int)Math.Clamp((first - started).TotalMilliseconds, 0, int.MaxValue) : null,
            InputTokens = input,
            OutputTokens = output,
            ThinkingTokens = answer.ThinkingTokens,
            Cost = cost,
            CostSource = source,
        };
    }
}
