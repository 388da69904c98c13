using System.Text;

namespace Grimoire.Llm.Simulated;

/// <summary>Composes the simulated thinking and Markdown answer from fixed pools, driven by the deterministic random.</summary>
internal static class SimulatedText
{
    private static readonly string[] ThinkingSentences =
    [
        "The question is about {0}, so I should start from what the student already knows.",
        "Let me break {0} into smaller parts before answering.",
        "A worked example would make {0} concrete.",
        "I should check whether there is a common misconception about {0}.",
        "A short table could compare the options side by side.",
        "The answer should end with something the student can try.",
        "I want to keep the explanation short and precise.",
        "Code will help here, but it should stay small enough to read in one go.",
    ];

    private static readonly string[] Points =
    [
        "Start from a small, concrete case.",
        "Name each part before combining them.",
        "Check the edge cases: empty input, one item, many items.",
        "Measure before you optimise.",
        "Write the test first, then the code.",
        "Prefer clear names over comments.",
        "Keep side effects at the edges.",
    ];

    private static readonly string[] Snippets =
    [
        "var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);\nConsole.WriteLine($\"{words.Length} words\");",
        "static int Fibonacci(int n) => n < 2 ? n : Fibonacci(n - 1) + Fibonacci(n - 2);\nConsole.WriteLine(Fibonacci(10));",
        "var squares = Enumerable.Range(1, 5).Select(i => i * i);\nConsole.WriteLine(string.Join(\", \", squares));",
    ];

    public static string Topic(string prompt)
    {
        var words = prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(6);
        var topic = string.Join(' ', words).Trim('?', '.', '!', ':');
        return topic.Length == 0 ? "your question" : topic;
    }

    public static string Thinking(DeterministicRandom random, string topic)
    {
        var sb = new StringBuilder();
        var count = 3 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            sb.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, random.Pick(ThinkingSentences), topic)).Append(' ');
        }

        return sb.ToString().TrimEnd();
    }

    public static string Answer(DeterministicRandom random, string topic, string modelName)
    {
        var sb = new StringBuilder();
        sb.Append("## ").Append(char.ToUpperInvariant(topic[0])).Append(topic.AsSpan(1)).Append("\n\n");
        sb.Append("This is a simulated answer from *").Append(modelName).Append("*: offline, deterministic, and free.\n\n");
        var points = 3 + random.Next(3);
        for (var i = 0; i < points; i++)
        {
            sb.Append("- ").Append(random.Pick(Points)).Append('\n');
        }

        sb.Append("\n```csharp\n").Append(random.Pick(Snippets)).Append("\n```\n\n");
        sb.Append("| Step | What to check | Effort |\n|---|---|---|\n");
        for (var i = 1; i <= 3; i++)
        {
            sb.Append("| ").Append(i).Append(" | ").Append(random.Pick(Points).TrimEnd('.')).Append(" | ").Append(1 + random.Next(5)).Append(" |\n");
        }

        sb.Append("\nTry it on a small example first, then grow it.");
        return sb.ToString();
    }

    /// <summary>Splits text into streamable pieces: each word with the whitespace after it.</summary>
    public static List<string> Pieces(string text)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && (i + 1 == text.Length || !char.IsWhiteSpace(text[i + 1])))
            {
                pieces.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            pieces.Add(text[start..]);
        }

        return pieces;
    }
}
