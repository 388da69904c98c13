using System.Diagnostics.Metrics;

namespace Grimoire.Core.Playground.ClassShares;

/// <summary>
/// <c>grimoire.class_shares.shared</c>, <c>grimoire.class_shares.withdrawn</c>, <c>grimoire.class_shares.copies_created</c>
/// (tagged <c>when</c>: <c>share</c> or <c>later</c> for students enrolled after the share),
/// <c>grimoire.class_shares.copies_removed</c> and <c>grimoire.class_shares.branches</c> on the Grimoire meter.
/// </summary>
public sealed class ClassShareMetrics
{
    private readonly Counter<long> shared;
    private readonly Counter<long> withdrawn;
    private readonly Counter<long> created;
    private readonly Counter<long> removed;
    private readonly Counter<long> branches;

    public ClassShareMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(PlaygroundRefusals.MeterName);
        shared = meter.CreateCounter<long>("grimoire.class_shares.shared", "{share}", "Conversations shared with a class.");
        withdrawn = meter.CreateCounter<long>("grimoire.class_shares.withdrawn", "{share}", "Class shares withdrawn (unshared or replaced).");
        created = meter.CreateCounter<long>("grimoire.class_shares.copies_created", "{copy}", "Read-only copies made for students.");
        removed = meter.CreateCounter<long>("grimoire.class_shares.copies_removed", "{copy}", "Unbranched copies removed on unshare.");
        branches = meter.CreateCounter<long>("grimoire.class_shares.branches", "{branch}", "Branches students took from their copies.");
    }

    public void Shared() => shared.Add(1);

    public void Withdrawn() => withdrawn.Add(1);

    public void CopiesCreated(int count, bool later) =>
        created.Add(count, new KeyValuePair<string, object?>("when", later ? "later" : "share"));

    public void CopiesRemoved(int count) => removed.Add(count);

    public void Branched() => branches.Add(1);
}
