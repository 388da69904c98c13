using Grimoire.Llm.Streaming;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Pipeline;

/// <summary>
/// What a middleware saw of one streamed call: when it started, when the first text or thinking arrived, the last
/// usage reported, and how it ended. Timestamps are <see cref="TimeProvider.GetTimestamp"/> values.
/// </summary>
internal sealed class ObservedCall(string provider, string model, TimeProvider time)
{
    private readonly long started = time.GetTimestamp();
    private long? firstToken;
    private long? ended;
    private ChatFinishReason? finish;

    public string Provider { get; } = provider;

    public string Model { get; } = model;

    public TokenUsage? Usage { get; private set; }

    /// <summary>One of <see cref="TurnOutcomes"/>; null while the call runs.</summary>
    public string? Outcome { get; private set; }

    /// <summary>The failure's kind and HTTP status when a provider failure ended the call (never its text).</summary>
    public ProviderFailure? Failure { get; private set; }

    public TimeSpan? TimeToFirstToken => firstToken is { } t ? time.GetElapsedTime(this.started, t) : null;

    public TimeSpan Duration => time.GetElapsedTime(this.started, this.ended ?? time.GetTimestamp());

    public void Observe(ChatResponseUpdate update)
    {
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } or TextReasoningContent { Text.Length: > 0 }:
                    firstToken ??= time.GetTimestamp();
                    break;
                case UsageContent usage:
                    Usage = usage.ToTokenUsage();
                    break;
                default:
                    break;
            }
        }

        finish = update.FinishReason ?? finish;
    }

    /// <summary>The stream ran to its end.</summary>
    public void Completed() => End(
        finish == ChatFinishReason.Length ? TurnOutcomes.Truncated
        : finish == ChatFinishReason.ContentFilter ? TurnOutcomes.Filtered
        : TurnOutcomes.Complete);

    /// <summary>The stream threw: the caller's cancellation is "cancelled", anything else "failed".</summary>
    public void Threw(Exception exception, CancellationToken cancellationToken)
    {
        Failure = (exception as ProviderException)?.Failure;
        End(exception is OperationCanceledException && cancellationToken.IsCancellationRequested ? TurnOutcomes.Cancelled : TurnOutcomes.Failed);
    }

    /// <summary>The reader stopped before the end (a stop, or a consumer that had enough): "cancelled".</summary>
    public void Abandoned() => End(TurnOutcomes.Cancelled);

    private void End(string outcome)
    {
        if (Outcome is null)
        {
            Outcome = outcome;
            this.ended = time.GetTimestamp();
        }
    }
}
