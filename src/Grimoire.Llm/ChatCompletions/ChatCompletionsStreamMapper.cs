using Grimoire.Llm.Catalogue;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.ChatCompletions;

/// <summary>
/// Turns parsed chunks into <see cref="ChatResponseUpdate"/>s: reasoning and <c>&lt;think&gt;</c> text to the thinking
/// channel, complete thinking blocks before the first answer text, usage with cost, finish reason, and errors.
/// </summary>
internal sealed class ChatCompletionsStreamMapper(ChatCompletionsProfile profile, string? generationId)
{
    private readonly ThinkTagSplitter tags = new();
    private readonly ReasoningAccumulator reasoning = new(profile.ProviderKind);
    private bool sawDetails;
    private string? responseId = generationId;

    public bool IsDone { get; private set; }

    public bool SawFinish { get; private set; }

    /// <summary>Set when the chunk carried an error; the caller throws it after yielding the update.</summary>
    public ProviderFailure? Failure { get; private set; }

    public ChatResponseUpdate? Map(in ChatCompletionChunk chunk)
    {
        if (chunk.IsDone)
        {
            IsDone = true;
            return null;
        }

        responseId ??= chunk.Id;
        List<AIContent>? contents = null;

        if (chunk.Details is { } details)
        {
            sawDetails = true;
            foreach (var detail in details)
            {
                this.reasoning.Add(detail);
                if ((detail.Text ?? detail.Summary) is { Length: > 0 } shown)
                {
                    Add(ref contents, new TextReasoningContent(shown));
                }
            }
        }
        else if (chunk.Reasoning is { } reasoning)
        {
            if (!sawDetails)
            {
                this.reasoning.AddPlain(reasoning);
            }

            Add(ref contents, new TextReasoningContent(reasoning));
        }

        if (chunk.Content is { } content)
        {
            var (thinking, text) = tags.Push(content);
            AddThinkingFromTags(ref contents, thinking);
            AddText(ref contents, text);
        }

        if (chunk.Usage is { } usage)
        {
            Add(ref contents, ToUsage(usage));
        }

        ChatFinishReason? finish = null;
        if (chunk.Finish != ChunkFinish.None)
        {
            SawFinish = true;
            finish = chunk.Finish switch
            {
                ChunkFinish.Length => ChatFinishReason.Length,
                ChunkFinish.ContentFilter => ChatFinishReason.ContentFilter,
                ChunkFinish.ToolCalls => ChatFinishReason.ToolCalls,
                _ => ChatFinishReason.Stop,
            };
            FlushTags(ref contents);
            DrainBlocks(ref contents);
        }

        if (chunk.Error is { } error)
        {
            Failure = FailureMap.MidStream(error.Message, error.Code);
            finish = null;
        }
        else if (chunk.Finish == ChunkFinish.Error)
        {
            Failure = FailureMap.MidStream(null, null);
            finish = null;
        }

        if (contents is null && finish is null)
        {
            return null;
        }

        return new ChatResponseUpdate(ChatRole.Assistant, contents ?? [])
        {
            ResponseId = responseId,
            ModelId = chunk.Model,
            FinishReason = finish,
        };
    }

    /// <summary>Anything still held when the stream ends (a <c>&lt;think&gt;</c> tail, blocks without a finish).</summary>
    public ChatResponseUpdate? Complete()
    {
        List<AIContent>? contents = null;
        FlushTags(ref contents);
        DrainBlocks(ref contents);
        return contents is null ? null : new ChatResponseUpdate(ChatRole.Assistant, contents) { ResponseId = responseId };
    }

    private void AddThinkingFromTags(ref List<AIContent>? contents, string? thinking)
    {
        if (thinking is null)
        {
            return;
        }

        this.reasoning.AddPlain(thinking);
        Add(ref contents, new TextReasoningContent(thinking));
    }

    private void AddText(ref List<AIContent>? contents, string? text)
    {
        if (text is null)
        {
            return;
        }

        DrainBlocks(ref contents);
        Add(ref contents, new TextContent(text));
    }

    private void FlushTags(ref List<AIContent>? contents)
    {
        var (thinking, text) = tags.Flush();
        AddThinkingFromTags(ref contents, thinking);
        AddText(ref contents, text);
    }

    private void DrainBlocks(ref List<AIContent>? contents)
    {
        if (!this.reasoning.HasPending)
        {
            return;
        }

        foreach (var block in this.reasoning.Drain())
        {
            Add(ref contents, new ThinkingBlockContent(block));
        }
    }

    private UsageContent ToUsage(ChunkUsage usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = usage.PromptTokens,
            OutputTokenCount = usage.CompletionTokens,
            TotalTokenCount = usage.TotalTokens ?? usage.PromptTokens + usage.CompletionTokens,
            ReasoningTokenCount = usage.ReasoningTokens,
            CachedInputTokenCount = usage.CachedTokens,
        };

        if (usage.Cost is { } cost)
        {
            return UsageCost.Create(details, cost, CostSource.Provider);
        }

        return profile.Pricing is { } pricing
            ? UsageCost.Create(details, pricing.CostOf(usage.PromptTokens, usage.CompletionTokens, usage.CachedTokens), CostSource.PriceList)
            : UsageCost.Create(details, 0m, CostSource.None);
    }

    private static void Add(ref List<AIContent>? contents, AIContent content) => (contents ??= new List<AIContent>(1)).Add(content);
}
