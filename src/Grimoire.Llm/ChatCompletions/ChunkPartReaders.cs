using System.Text.Json;

namespace Grimoire.Llm.ChatCompletions;

/// <summary>Readers for the larger parts of a chunk: <c>reasoning_details</c>, <c>usage</c> and <c>error</c>.</summary>
internal static class ChunkPartReaders
{
    public static List<ReasoningDetail>? ReadDetails(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        List<ReasoningDetail>? details = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var detail = new ReasoningDetail();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("index"u8) && reader.TokenType == JsonTokenType.Number)
                {
                    detail.Index = reader.GetInt32();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    reader.Skip();
                    continue;
                }

                if (name.SequenceEqual("type"u8))
                {
                    detail.Type = reader.GetString();
                }
                else if (name.SequenceEqual("text"u8))
                {
                    detail.Text = reader.GetString();
                }
                else if (name.SequenceEqual("summary"u8))
                {
                    detail.Summary = reader.GetString();
                }
                else if (name.SequenceEqual("signature"u8))
                {
                    detail.Signature = reader.GetString();
                }
                else if (name.SequenceEqual("data"u8))
                {
                    detail.Data = reader.GetString();
                }
                else if (name.SequenceEqual("format"u8))
                {
                    detail.Format = reader.GetString();
                }
                else if (name.SequenceEqual("id"u8))
                {
                    detail.Id = reader.GetString();
                }
            }

            (details ??= []).Add(detail);
        }

        return details;
    }

    public static ChunkUsage? ReadUsage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var usage = new ChunkUsage();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("prompt_tokens_details"u8) || name.SequenceEqual("completion_tokens_details"u8))
            {
                ReadTokenDetails(ref reader, usage);
            }
            else if (reader.TokenType != JsonTokenType.Number)
            {
                reader.Skip();
            }
            else if (name.SequenceEqual("prompt_tokens"u8))
            {
                usage.PromptTokens = reader.GetInt64();
            }
            else if (name.SequenceEqual("completion_tokens"u8))
            {
                usage.CompletionTokens = reader.GetInt64();
            }
            else if (name.SequenceEqual("total_tokens"u8))
            {
                usage.TotalTokens = reader.GetInt64();
            }
            else if (name.SequenceEqual("cost"u8))
            {
                usage.Cost = reader.GetDecimal();
            }
        }

        return usage;
    }

    private static void ReadTokenDetails(ref Utf8JsonReader reader, ChunkUsage usage)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (reader.TokenType != JsonTokenType.Number)
            {
                reader.Skip();
            }
            else if (name.SequenceEqual("cached_tokens"u8))
            {
                usage.CachedTokens = reader.GetInt64();
            }
            else if (name.SequenceEqual("reasoning_tokens"u8))
            {
                usage.ReasoningTokens = reader.GetInt64();
            }
        }
    }

    public static ChunkError ReadError(ref Utf8JsonReader reader)
    {
        var error = new ChunkError();
        if (reader.TokenType == JsonTokenType.String)
        {
            error.Message = reader.GetString();
            return error;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return error;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("message"u8) && reader.TokenType == JsonTokenType.String)
            {
                error.Message = reader.GetString();
            }
            else if (name.SequenceEqual("code"u8) && reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
            {
                error.Code = reader.TokenType == JsonTokenType.String
                    ? reader.GetString()
                    : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            }
            else
            {
                reader.Skip();
            }
        }

        return error;
    }
}
