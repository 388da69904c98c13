using System.Net.ServerSentEvents;
using System.Text;
using BenchmarkDotNet.Attributes;
using Grimoire.Llm.ChatCompletions;

namespace Grimoire.Benchmarks;

/// <summary>
/// Adapter overhead per chunk: a recorded-shape 4,000-chunk OpenRouter stream parsed from memory, against a
/// baseline that only runs <see cref="SseParser"/> over the same bytes. Figures are per chunk (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class StreamParsingBenchmarks
{
    private const int Chunks = 4_000;
    private byte[] stream = [];
    private ChatCompletionsProfile profile = null!;

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder();
        sb.Append(": OPENROUTER PROCESSING\n\n");
        string[] words = ["The ", "answer ", "is ", "naïve ", "string ", "matching, ", "step ", "by ", "step. "];
        for (var i = 0; i < Chunks - 1; i++)
        {
            sb.Append("data: {\"id\":\"gen-1764070000-Qx7RkTz2bPm9\",\"provider\":\"Anthropic\",\"model\":\"anthropic/claude-sonnet-4.5\",\"object\":\"chat.completion.chunk\",\"created\":1764070000,\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"")
              .Append(words[i % words.Length])
              .Append("\"},\"finish_reason\":null,\"native_finish_reason\":null,\"logprobs\":null}]}\n\n");
        }

        sb.Append("data: {\"id\":\"gen-1764070000-Qx7RkTz2bPm9\",\"model\":\"anthropic/claude-sonnet-4.5\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":4000,\"total_tokens\":4042,\"cost\":0.060126}}\n\n");
        sb.Append("data: [DONE]\n\n");
        this.stream = Encoding.UTF8.GetBytes(sb.ToString());
        profile = new ChatCompletionsProfile("openrouter", "openrouter", new Uri("http://localhost/api/v1/chat/completions"), true, null, []);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Chunks)]
    public int SseParserOnly()
    {
        var total = 0;
        foreach (var item in SseParser.Create(new MemoryStream(this.stream, writable: false), static (_, data) => data.Length).Enumerate())
        {
            total += item.Data;
        }

        return total;
    }

    /// <summary>The floor for any JSON-reading adapter: tokenize every chunk, look at nothing.</summary>
    [Benchmark(OperationsPerInvoke = Chunks)]
    public int SseParserPlusJsonTokenizing()
    {
        var total = 0;
        foreach (var item in SseParser.Create(new MemoryStream(this.stream, writable: false), static (_, data) => CountTokens(data)).Enumerate())
        {
            total += item.Data;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Chunks)]
    public int ParseChunks()
    {
        var parser = new ChatCompletionChunkParser();
        var total = 0;
        foreach (var item in SseParser.Create(new MemoryStream(this.stream, writable: false), parser.Parse).Enumerate())
        {
            total += item.Data.Content?.Length ?? 0;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Chunks)]
    public int ParseAndMapToUpdates()
    {
        var parser = new ChatCompletionChunkParser();
        var mapper = new ChatCompletionsStreamMapper(profile, "gen-1764070000-Qx7RkTz2bPm9");
        var total = 0;
        foreach (var item in SseParser.Create(new MemoryStream(this.stream, writable: false), parser.Parse).Enumerate())
        {
            if (mapper.Map(item.Data) is { } update)
            {
                total += update.Contents.Count;
            }
        }

        return total;
    }

    private static int CountTokens(ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return 0;
        }

        var reader = new System.Text.Json.Utf8JsonReader(data);
        var n = 0;
        while (reader.Read())
        {
            n++;
        }

        return n;
    }
}
