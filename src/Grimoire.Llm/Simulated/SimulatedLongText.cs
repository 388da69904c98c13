using System.Globalization;
using System.Text;

namespace Grimoire.Llm.Simulated;

/// <summary>The shape of a long simulated answer (<c>/simulate long prose|code|table N</c>).</summary>
internal enum SimulatedLongShape
{
    /// <summary>Paragraphs of a few sentences each, separated by blank lines.</summary>
    Prose,

    /// <summary>One paragraph: sentences without a blank line between them, numbered "(note N)".</summary>
    Paragraph,

    /// <summary>One fenced code block, its lines numbered "// N".</summary>
    Code,

    /// <summary>One Markdown table, its rows numbered "Step N".</summary>
    Table,
}

/// <summary>
/// Long answers of one shape, about the length asked for, from the same pools as the ordinary answer: what an essay,
/// a big code block or a long table costs to stream is then something anyone can see (issue 14).
/// </summary>
internal static class SimulatedLongText
{
    private static readonly string[] Sentences =
    [
        "A small, concrete case shows the idea before the general rule does.",
        "Each part gets a name before the parts are combined.",
        "The edge cases matter: empty input, one item, many items.",
        "Measuring first keeps the optimisation honest.",
        "A test written first says what the code is for.",
        "Clear names carry more than comments do.",
        "Side effects stay at the edges, where they are easy to see.",
    ];

    private static readonly string[] CodeLines =
    [
        "var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);",
        "Console.WriteLine($\"{words.Length} words\");",
        "var squares = Enumerable.Range(1, count).Select(i => i * i).ToList();",
        "if (squares.Count == 0) { return; }",
        "total += squares[^1] - squares[0];",
    ];

    public static string Compose(DeterministicRandom random, SimulatedLongShape shape, int length) => shape switch
    {
        SimulatedLongShape.Code => Code(random, length),
        SimulatedLongShape.Table => Table(random, length),
        SimulatedLongShape.Paragraph => Paragraph(random, length),
        _ => Prose(random, length),
    };

    private static string Prose(DeterministicRandom random, int length)
    {
        var sb = new StringBuilder();
        while (sb.Length < length)
        {
            var sentences = 3 + random.Next(4);
            for (var i = 0; i < sentences; i++)
            {
                sb.Append(random.Pick(Sentences)).Append(i + 1 < sentences ? " " : "\n\n");
            }
        }

        return sb.ToString().TrimEnd();
    }

    private static string Paragraph(DeterministicRandom random, int length)
    {
        var sb = new StringBuilder();
        var note = 1;
        while (sb.Length < length)
        {
            var sentence = random.Pick(Sentences);
            sb.Append(sentence.AsSpan(0, sentence.Length - 1)).Append(" (note ").Append(note++.ToString(CultureInfo.InvariantCulture)).Append("). ");
        }

        return sb.ToString().TrimEnd();
    }

    private static string Code(DeterministicRandom random, int length)
    {
        var sb = new StringBuilder("```csharp\n");
        var line = 1;
        while (sb.Length < length)
        {
            sb.Append(random.Pick(CodeLines)).Append(" // ").Append(line++.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.Append("```").ToString();
    }

    private static string Table(DeterministicRandom random, int length)
    {
        var sb = new StringBuilder("| Step | What to check | Effort |\n|---|---|---:|\n");
        var row = 1;
        while (sb.Length < length)
        {
            sb.Append("| Step ").Append(row++.ToString(CultureInfo.InvariantCulture)).Append(" | ").Append(random.Pick(Sentences).TrimEnd('.'))
                .Append(" | ").Append((1 + random.Next(5)).ToString(CultureInfo.InvariantCulture)).Append(" |\n");
        }

        return sb.ToString().TrimEnd('\n');
    }
}
