using Grimoire.Core.Audit;
using Grimoire.Core.Data;
using Grimoire.Llm.Streaming;

namespace Grimoire.Core.Usage;

/// <summary>
/// Adds a call's <see cref="UsageRecord"/> to the context that writes the turn's final state, so the usage row and the
/// answer commit together (X1). The facts are the ones the archive record was made of, so the two always agree.
/// </summary>
public static class UsageLedger
{
    public static void Add(GrimoireDbContext db, ProviderCallFacts facts, TokenUsage? usage)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (UsageRecord.From(facts, usage) is { } record)
        {
            db.UsageRecords.Add(record);
        }
    }
}
