using System.Text;
using Grimoire.Core.Audit;
using Grimoire.Core.Playground;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Wire;

namespace Grimoire.Benchmarks.Audit;

/// <summary>
/// A provider call shaped like a real one: a ~1.6 KB request (system prompt, two earlier messages, a question),
/// ~700 characters of signed thinking, a ~1.3 KB Markdown answer, usage and cost — about 5 KB as a record.
/// </summary>
internal static class AuditSample
{
    public static (ProviderCallFacts Facts, ChatTurn Turn) ProviderCall()
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"model\":\"anthropic/claude-sonnet-4\",\"messages\":[{\"role\":\"system\",\"content\":\""
            + Repeat("You are a patient teaching assistant. Explain with a small example first. ", 6)
            + "\"},{\"role\":\"user\",\"content\":\"" + Repeat("What is recursion, in plain words? ", 4)
            + "\"},{\"role\":\"assistant\",\"content\":\"" + Repeat("Recursion is a function calling itself on a smaller input. ", 8)
            + "\"},{\"role\":\"user\",\"content\":\"" + Repeat("Show me one in C#, with a base case. ", 3)
            + "\"}],\"stream\":true,\"max_tokens\":4096,\"reasoning\":{\"max_tokens\":2048},\"usage\":{\"include\":true}}");
        var turn = new ChatTurn();
        turn.Apply(new RequestSent(new WireRequest(
            "POST", new Uri("https://openrouter.ai/api/v1/chat/completions"),
            [new WireHeader("Authorization", WireRequest.RedactedValue), new WireHeader("Content-Type", "application/json")],
            body)));
        turn.Apply(new ResponseStarted("gen-1764000000-AbCdEfGhIjKlMnOpQrSt", "anthropic/claude-sonnet-4"));
        var thinking = Repeat("The student asked for a base case, so I should show factorial and name the base case first. ", 8);
        turn.Apply(new ThinkingDelta(thinking));
        turn.Apply(new ThinkingBlockCompleted(new ThinkingBlock(ThinkingBlockKind.Text, thinking, Signature: Convert.ToBase64String(new byte[240]))
        {
            ProviderKind = "openrouter", Format = "anthropic-claude-v1",
        }));
        turn.Apply(new TextDelta(Repeat("A recursive method solves a small case directly (the **base case**) and reduces every other case. ", 13)));
        turn.Apply(new UsageReported(new TokenUsage(412, 655, 190, 0, 0.011061m, CostSource.Provider)));
        turn.Apply(new Finished(FinishReason.Stop));

        var now = DateTime.UtcNow;
        var facts = new ProviderCallFacts(
            new AuditIds(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()),
            Guid.CreateVersion7(), "openrouter", "anthropic/claude-sonnet-4", MessageStatus.Complete, null, now.AddSeconds(-9), now.AddSeconds(-8), now);
        return (facts, turn);
    }

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));
}
