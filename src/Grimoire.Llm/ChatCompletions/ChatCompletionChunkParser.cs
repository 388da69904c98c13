using System.Text.Json;

namespace Grimoire.Llm.ChatCompletions;

/// <summary>
/// Parses chunk JSON with <see cref="Utf8JsonReader"/>: only the delta text allocates; the id and model strings are
/// reused while they stay the same. One instance per stream.
/// </summary>
internal sealed class ChatCompletionChunkParser
{
    private readonly KnownString id = new();
    private readonly KnownString model = new();

    public ChatCompletionChunk Parse(string eventType, ReadOnlySpan<byte> data)
    {
        _ = eventType;
        var chunk = default(ChatCompletionChunk);
        if (data.SequenceEqual("[DONE]"u8))
        {
            chunk.IsDone = true;
            return chunk;
        }

        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A chunk is not a JSON object.");
        }

        string? topMessage = null;
        var isErrorObject = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                chunk.Id = this.id.Read(ref reader);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                chunk.Model = this.model.Read(ref reader);
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                ReadChoices(ref reader, ref chunk);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                chunk.Usage = ChunkPartReaders.ReadUsage(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                chunk.Error = ChunkPartReaders.ReadError(ref reader);
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                isErrorObject = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8);
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                topMessage = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (isErrorObject && chunk.Error is null)
        {
            chunk.Error = new ChunkError { Message = topMessage };
        }

        return chunk;
    }

    private static void ReadChoices(ref Utf8JsonReader reader, ref ChatCompletionChunk chunk)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            first = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("delta"u8))
                {
                    reader.Read();
                    ReadDelta(ref reader, ref chunk);
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    reader.Read();
                    chunk.Finish = ReadFinish(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
    }

    private static ChunkFinish ReadFinish(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? ChunkFinish.None
        : reader.ValueTextEquals("stop"u8) ? ChunkFinish.Stop
        : reader.ValueTextEquals("length"u8) ? ChunkFinish.Length
        : reader.ValueTextEquals("content_filter"u8) ? ChunkFinish.ContentFilter
        : reader.ValueTextEquals("tool_calls"u8) ? ChunkFinish.ToolCalls
        : reader.ValueTextEquals("error"u8) ? ChunkFinish.Error
        : ChunkFinish.Other;

    private static void ReadDelta(ref Utf8JsonReader reader, ref ChatCompletionChunk chunk)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                chunk.Content = NonEmptyString(ref reader);
            }
            else if (reader.ValueTextEquals("reasoning"u8) || reader.ValueTextEquals("reasoning_content"u8))
            {
                reader.Read();
                chunk.Reasoning ??= NonEmptyString(ref reader);
            }
            else if (reader.ValueTextEquals("reasoning_details"u8))
            {
                reader.Read();
                chunk.Details = ChunkPartReaders.ReadDetails(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static string? NonEmptyString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0 ? reader.GetString() : null;

    /// <summary>A string that repeats in every chunk (id, model): compared as raw bytes, allocated once.</summary>
    private sealed class KnownString
    {
        private byte[] raw = [];
        private string? value;

        public string? Read(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                return value;
            }

            if (value is not null && !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual(this.raw))
            {
                return value;
            }

            this.raw = reader.ValueIsEscaped ? [] : reader.ValueSpan.ToArray();
            value = reader.GetString();
            return value;
        }
    }
}
