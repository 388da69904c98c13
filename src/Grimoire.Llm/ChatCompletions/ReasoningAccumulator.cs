using System.Text;
using Grimoire.Llm.Streaming;

namespace Grimoire.Llm.ChatCompletions;

/// <summary>
/// Collects streamed reasoning into complete <see cref="ThinkingBlock"/>s: <c>reasoning_details</c> pieces merged by
/// their <c>index</c> (text appended, signature and encrypted data kept as sent), or plain reasoning text.
/// </summary>
internal sealed class ReasoningAccumulator(string providerKind)
{
    private readonly List<Pending> pending = [];

    public bool HasPending => pending.Count > 0;

    public void Add(ReasoningDetail detail)
    {
        var index = detail.Index ?? (pending.Count == 0 ? 0 : pending[^1].Index);
        var block = pending.Find(p => p.Index == index && p.FromDetails);
        if (block is null)
        {
            block = new Pending(index, fromDetails: true);
            pending.Add(block);
        }

        block.Type ??= detail.Type;
        block.Format ??= detail.Format;
        block.Id ??= detail.Id;
        block.Text.Append(detail.Text).Append(detail.Summary);
        if (detail.Signature is not null)
        {
            block.Signature = (block.Signature ?? "") + detail.Signature;
        }

        if (detail.Data is not null)
        {
            block.Data = (block.Data ?? "") + detail.Data;
        }
    }

    public void AddPlain(string text)
    {
        var block = pending.Find(p => !p.FromDetails);
        if (block is null)
        {
            block = new Pending(pending.Count, fromDetails: false);
            pending.Add(block);
        }

        block.Text.Append(text);
    }

    /// <summary>The complete blocks, in order, and forgets them.</summary>
    public List<ThinkingBlock> Drain()
    {
        var blocks = pending.OrderBy(p => p.Index).Select(ToBlock).ToList();
        pending.Clear();
        return blocks;
    }

    private ThinkingBlock ToBlock(Pending p)
    {
        var kind = p.Type switch
        {
            "reasoning.encrypted" => ThinkingBlockKind.Redacted,
            "reasoning.summary" => ThinkingBlockKind.Summary,
            _ => ThinkingBlockKind.Text,
        };
        return new ThinkingBlock(kind, p.Text.ToString(), p.Signature, p.Data)
        {
            ProviderKind = providerKind,
            Format = p.Format,
            Id = p.Id,
            Index = p.Index,
        };
    }

    private sealed class Pending(int index, bool fromDetails)
    {
        public int Index { get; } = index;
        public bool FromDetails { get; } = fromDetails;
        public StringBuilder Text { get; } = new();
        public string? Type { get; set; }
        public string? Format { get; set; }
        public string? Id { get; set; }
        public string? Signature { get; set; }
        public string? Data { get; set; }
    }
}
