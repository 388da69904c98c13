namespace Grimoire.Llm.ChatCompletions;

/// <summary>One parsed <c>chat.completion.chunk</c> (or <c>[DONE]</c>, or an error object). A struct: no allocation of its own.</summary>
internal struct ChatCompletionChunk
{
    public bool IsDone;
    public string? Id;
    public string? Model;
    public string? Content;
    public string? Reasoning;
    public List<ReasoningDetail>? Details;
    public ChunkFinish Finish;
    public ChunkUsage? Usage;
    public ChunkError? Error;
}

internal enum ChunkFinish
{
    None,
    Stop,
    Length,
    ContentFilter,
    ToolCalls,
    Error,
    Other,
}

/// <summary>One <c>reasoning_details</c> item (or a piece of one, while streaming).</summary>
internal sealed class ReasoningDetail
{
    public string? Type { get; set; }
    public string? Text { get; set; }
    public string? Summary { get; set; }
    public string? Signature { get; set; }
    public string? Data { get; set; }
    public string? Format { get; set; }
    public string? Id { get; set; }
    public int? Index { get; set; }
}

internal sealed class ChunkUsage
{
    public long PromptTokens { get; set; }
    public long CompletionTokens { get; set; }
    public long? TotalTokens { get; set; }
    public decimal? Cost { get; set; }
    public long? CachedTokens { get; set; }
    public long? ReasoningTokens { get; set; }
}

internal sealed class ChunkError
{
    public string? Message { get; set; }
    public string? Code { get; set; }
}
