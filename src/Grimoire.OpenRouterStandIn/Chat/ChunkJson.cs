using System.Text.Json;
using Grimoire.OpenRouterStandIn.Catalogue;
using Grimoire.OpenRouterStandIn.Http;

namespace Grimoire.OpenRouterStandIn.Chat;

/// <summary>
/// The JSON of one answer: streamed <c>chat.completion.chunk</c>s (reasoning, content, finish, usage) or the whole
/// <c>chat.completion</c>, in OpenRouter's shape.
/// </summary>
internal sealed class ChunkJson(string generationId, long created, StandInModel model, StandInAnswer answer)
{
    /// <summary>A reasoning piece: <c>delta.reasoning</c> plus the matching <c>reasoning_details</c> item.</summary>
    public byte[] Reasoning(string piece) => Chunk(w =>
    {
        w.WriteString("content", "");
        w.WriteString("reasoning", piece);
        w.WriteStartArray("reasoning_details");
        Detail(w, piece, signature: null);
        w.WriteEndArray();
    }, null);

    /// <summary>The signature of the (single) thinking block, after its text, as Anthropic models send it.</summary>
    public byte[] Signature(string signature) => Chunk(w =>
    {
        w.WriteString("content", "");
        w.WriteNull("reasoning");
        w.WriteStartArray("reasoning_details");
        Detail(w, null, signature);
        w.WriteEndArray();
    }, null);

    public byte[] Content(string piece) => Chunk(w => w.WriteString("content", piece), null);

    public byte[] Finish() => Chunk(w => w.WriteString("content", ""), answer.FinishReason);

    /// <summary>The usage chunk after the finish: token counts and the cost in USD.</summary>
    public byte[] Usage() => JsonResponse.Serialize(w =>
    {
        Head(w, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        w.WriteString("role", "assistant");
        w.WriteString("content", "");
        w.WriteEndObject();
        w.WriteNull("finish_reason");
        w.WriteNull("native_finish_reason");
        w.WriteNull("logprobs");
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w);
        w.WriteEndObject();
    });

    /// <summary>The whole answer as one <c>chat.completion</c> (a request without <c>"stream": true</c>).</summary>
    public byte[] Completion() => JsonResponse.Serialize(w =>
    {
        Head(w, "chat.completion");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", answer.FinishReason);
        w.WriteString("native_finish_reason", NativeFinish());
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", answer.Content);
        w.WriteNull("refusal");
        if (answer.ShowReasoning)
        {
            w.WriteString("reasoning", answer.Reasoning);
            w.WriteStartArray("reasoning_details");
            Detail(w, answer.Reasoning, model.ReasoningIsSigned ? ThinkingSignatures.Sign(answer.Reasoning) : null);
            w.WriteEndArray();
        }
        else
        {
            w.WriteNull("reasoning");
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w);
        w.WriteEndObject();
    });

    private byte[] Chunk(Action<Utf8JsonWriter> delta, string? finish) => JsonResponse.Serialize(w =>
    {
        Head(w, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        w.WriteString("role", "assistant");
        delta(w);
        w.WriteEndObject();
        if (finish is null)
        {
            w.WriteNull("finish_reason");
            w.WriteNull("native_finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finish);
            w.WriteString("native_finish_reason", NativeFinish());
        }

        w.WriteNull("logprobs");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private void Head(Utf8JsonWriter w, string kind)
    {
        w.WriteStartObject();
        w.WriteString("id", generationId);
        w.WriteString("provider", model.Provider);
        w.WriteString("model", model.Id);
        w.WriteString("object", kind);
        w.WriteNumber("created", created);
    }

    private void Detail(Utf8JsonWriter w, string? text, string? signature)
    {
        w.WriteStartObject();
        if (model.ReasoningIsSummary)
        {
            w.WriteString("type", "reasoning.summary");
            w.WriteString("summary", text ?? "");
        }
        else
        {
            w.WriteString("type", "reasoning.text");
            if (text is not null)
            {
                w.WriteString("text", text);
            }

            if (signature is not null)
            {
                w.WriteString("signature", signature);
            }
        }

        w.WriteString("format", model.ReasoningFormat ?? "unknown");
        w.WriteNumber("index", 0);
        w.WriteEndObject();
    }

    private void WriteUsage(Utf8JsonWriter w)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", answer.PromptTokens);
        w.WriteNumber("completion_tokens", answer.CompletionTokens);
        w.WriteNumber("total_tokens", answer.PromptTokens + answer.CompletionTokens);
        w.WriteNumber("cost", model.CostOf(answer.PromptTokens, answer.CompletionTokens));
        w.WriteBoolean("is_byok", false);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", 0);
        w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details");
        w.WriteNumber("reasoning_tokens", answer.ReasoningTokens);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private string NativeFinish() => (answer.FinishReason, model.Provider) switch
    {
        ("length", "Anthropic") => "max_tokens",
        ("stop", "Anthropic") => "end_turn",
        ("length", "Google") => "MAX_TOKENS",
        ("stop", "Google") => "STOP",
        (var reason, _) => reason,
    };
}
