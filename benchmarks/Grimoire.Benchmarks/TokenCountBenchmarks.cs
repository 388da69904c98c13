using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Grimoire.Llm.Tokens;

namespace Grimoire.Benchmarks;

/// <summary>
/// Counting a ~20,000-token system prompt: a full tokenizer pass, the per-keystroke path (one paragraph edited,
/// the rest cached), against reading the same text once (UTF-8 encoding it).
/// </summary>
[MemoryDiagnoser]
public class TokenCountBenchmarks
{
    private readonly O200kTokenCounter counter = new();
    private string prompt = "";
    private string prefix = "";
    private byte[] buffer = [];
    private int keystroke;

    [GlobalSetup]
    public void Setup()
    {
        string[] sentences =
        [
            "You are a patient teaching assistant for an introductory programming course.",
            "Explain each idea with a small example before naming it.",
            "When a student shares code, point to the line that matters and ask a question first.",
            "Never give a full solution to a graded exercise; give the next step instead.",
            "Use C# for examples unless the student asks for another language.",
        ];
        var sb = new StringBuilder();
        var paragraph = 0;
        while (sb.Length < 100_000)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Rule {paragraph}. ");
            for (var i = 0; i < 4; i++)
            {
                sb.Append(sentences[(paragraph + i) % sentences.Length]).Append(' ');
            }

            sb.Append("\n\n");
            paragraph++;
        }

        this.prompt = sb.ToString();
        prefix = this.prompt.TrimEnd('\n') + " ";
        buffer = new byte[Encoding.UTF8.GetMaxByteCount(this.prompt.Length + 64)];
        Console.WriteLine($"// prompt: {this.prompt.Length} chars, {counter.CountWhole(this.prompt)} tokens (o200k)");
        counter.CountTokens(this.prompt);
    }

    [Benchmark(Baseline = true)]
    public int ReadTextOnce() => Encoding.UTF8.GetBytes(this.prompt, buffer);

    [Benchmark]
    public int CountWholePrompt() => counter.CountWhole(this.prompt);

    [Benchmark]
    public int CountAfterKeystroke() => counter.CountTokens(prefix + "Edited tail " + (this.keystroke++).ToString(CultureInfo.InvariantCulture));
}
