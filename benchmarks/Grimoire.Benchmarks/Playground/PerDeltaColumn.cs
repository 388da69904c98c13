using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Grimoire.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Benchmarks.Playground;

/// <summary>"Per delta" and "Alloc/delta": an invocation's mean and allocations over N turns × the answer's text deltas.</summary>
internal sealed class PerDeltaColumn(bool allocated) : IColumn
{
    public static readonly PerDeltaColumn Time = new(allocated: false);
    public static readonly PerDeltaColumn Allocated = new(allocated: true);

    private static readonly Lazy<int> LazyDeltas = new(CountDeltas);

    /// <summary>Text deltas in one simulated answer to <see cref="PlaygroundServices.Prompt"/> (deterministic), counted once.</summary>
    public static int DeltasPerTurn => LazyDeltas.Value;

    public string Id => allocated ? "AllocPerDelta" : "PerDelta";

    public string ColumnName => allocated ? "Alloc/delta" : "Per delta";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => allocated ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => allocated ? UnitType.Size : UnitType.Time;

    public string Legend => allocated
        ? "Bytes allocated per invocation / (Turns × text deltas per answer)"
        : "Mean / (Turns × text deltas per answer)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics || benchmarkCase.Parameters["Turns"] is not int turns)
        {
            return "-";
        }

        double deltas = turns * DeltasPerTurn;
        if (allocated)
        {
            var bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / deltas:N0} B") : "-";
        }

        var nanoseconds = statistics.Mean / deltas;
        return nanoseconds >= 1_000
            ? string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000:N2} μs")
            : string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:N0} ns");
    }

    private static int CountDeltas()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grimoire:Providers:Simulated:DelayMs"] = "0",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddGrimoireLlm(configuration);
        using var provider = collection.BuildServiceProvider();
        return PlaygroundServices.StreamOnceAsync(provider.GetRequiredService<IChatProviderRegistry>()).GetAwaiter().GetResult();
    }
}
