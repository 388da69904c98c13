using System.Text;

namespace Grimoire.Llm.Simulated;

/// <summary>A small xorshift generator seeded from the prompt and seed: the same inputs give the same stream on every machine.</summary>
internal sealed class DeterministicRandom
{
    private ulong state;

    public DeterministicRandom(string prompt, long seed)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(prompt))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        state = hash ^ (ulong)seed ^ 0x9E3779B97F4A7C15UL;
        if (state == 0)
        {
            state = 1;
        }

        Fingerprint = hash ^ (ulong)seed;
    }

    /// <summary>A stable id for this prompt + seed (for response ids and fake signatures).</summary>
    public ulong Fingerprint { get; }

    public int Next(int maxExclusive)
    {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return (int)(state % (ulong)maxExclusive);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
