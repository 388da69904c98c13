using System.Globalization;
using Grimoire.Core.Playground;
using Grimoire.Web.Features.Playground.Messages;

namespace Grimoire.Benchmarks.Playground;

/// <summary>Message views shaped like the simulated provider's: questions, and Markdown answers with a list, code and a table.</summary>
internal static class SampleConversation
{
    private static readonly DateTime Start = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Topics =
    [
        "recursion", "binary search", "hash tables", "unit tests", "async and await", "LINQ", "records", "pattern matching",
    ];

    /// <summary>The answer streamed into the last card: long enough for <paramref name="deltas"/> word-sized pieces.</summary>
    public static string LiveAnswer(int deltas)
    {
        var text = new System.Text.StringBuilder();
        var part = 0;
        while (Pieces(text.ToString()).Count < deltas)
        {
            text.Append(Answer(Topics[part % Topics.Length], part)).Append("\n\n");
            part++;
        }

        return text.ToString();
    }

    /// <summary>Each word with the whitespace after it, as SimulatedText.Pieces splits an answer.</summary>
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

    /// <summary><paramref name="count"/> finished messages, alternating question and answer.</summary>
    public static List<ChatMessageView> Finished(int count)
    {
        var views = new List<ChatMessageView>(count + 1);
        for (var i = 0; i < count; i++)
        {
            var topic = Topics[i / 2 % Topics.Length];
            views.Add(i % 2 == 0 ? User(string.Create(CultureInfo.InvariantCulture, $"Explain {topic} (question {i / 2 + 1})"), i) : Assistant(Answer(topic, i), i));
        }

        return views;
    }

    public static ChatMessageView Streaming(int sequence) => Assistant("", sequence) with
    {
        Status = MessageStatus.Streaming,
        Phase = LivePhase.Waiting,
        Byline = null,
    };

    private static ChatMessageView User(string content, int sequence) => new()
    {
        Id = Guid.NewGuid(),
        Role = MessageRole.User,
        AuthorName = "Alex Rivera",
        Content = content,
        CreatedAt = Start.AddSeconds(sequence),
    };

    private static ChatMessageView Assistant(string content, int sequence) => new()
    {
        Id = Guid.NewGuid(),
        Role = MessageRole.Assistant,
        AuthorName = "Simulated Swift",
        Content = content,
        Byline = new MessageByline
        {
            ModelDisplayName = "Simulated Swift",
            ModelId = "simulated/swift",
            InputTokens = 40 + sequence,
            OutputTokens = 180,
            CostUsd = 0.000114m,
            Temperature = 0.3,
            MaxTokens = 1024,
            Thinking = "off",
            Duration = TimeSpan.FromMilliseconds(2400),
            TimeToFirstToken = TimeSpan.FromMilliseconds(30),
        },
        RequestJson = """{"model":"simulated/swift","messages":[{"role":"user","content":"Explain recursion"}],"temperature":0.3,"max_tokens":1024}""",
        RequestUrl = "simulated://grimoire.local/v1/chat/completions",
        CreatedAt = Start.AddSeconds(sequence),
    };

    /// <summary>A simulated-style answer; <paramref name="variant"/> keeps finished answers distinct (no shared cache entry).</summary>
    private static string Answer(string topic, int variant) => string.Create(CultureInfo.InvariantCulture, $"""
        ## {char.ToUpperInvariant(topic[0])}{topic[1..]}

        This is a simulated answer from *Simulated Swift* (part {variant}): offline, deterministic, and free.

        - Start from a small, concrete case.
        - Name each part before combining them.
        - Check the edge cases: empty input, one item, many items.
        - Measure before you optimise.

        ```csharp
        static int Fibonacci(int n) => n < 2 ? n : Fibonacci(n - 1) + Fibonacci(n - 2);
        Console.WriteLine(Fibonacci({variant % 20}));
        ```

        | Step | What to check | Effort |
        |---|---|---|
        | 1 | Write the test first, then the code | 2 |
        | 2 | Prefer clear names over comments | 3 |
        | 3 | Keep side effects at the edges | 1 |

        Try it on a small example first, then grow it.
        """);
}
