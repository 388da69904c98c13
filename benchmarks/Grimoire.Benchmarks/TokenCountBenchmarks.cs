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
    private readonly O200kTokenCounter _counter = new();
    private string _prompt = "";
    private string _prefix = "";
    private byte[] _buffer = [];
    private int _keystroke;

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

        _prompt = sb.ToString();
        _prefix = _prompt.TrimEnd('\n') + " ";
        _buffer = new byte[Encoding.UTF8.GetMaxByteCount(_prompt.Length + 64)];
        Console.WriteLine($"// prompt: {_prompt.Length} chars, {_counter.CountWhole(_prompt)} tokens (o200k)");
        _counter.CountTokens(_prompt);
    }

    [Benchmark(Baseline = true)]
    public int ReadTextOnce() => Encoding.UTF8.GetBytes(_prompt, _buffer);

    [Benchmark]
    public int CountWholePrompt() => _counter.CountWhole(_prompt);

    [Benchmark]
    public int CountAfterKeystroke() => _counter.CountTokens(_prefix + "Edited tail " + (_keystroke++).ToString(CultureInfo.InvariantCulture));
}
