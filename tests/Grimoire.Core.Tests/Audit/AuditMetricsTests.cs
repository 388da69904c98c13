using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Grimoire.Core.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Core.Tests.Audit;

/// <summary>Issue 16 item 4: every append's latency lands in <c>grimoire.audit.append.duration</c>, by status.</summary>
public sealed class AuditMetricsTests : IAsyncLifetime
{
    private readonly ArchiveFolder folder = new();

    public Task InitializeAsync() => folder.InitializeAsync();

    public Task DisposeAsync() => folder.DisposeAsync();

    [Fact]
    public async Task Appends_are_timed_as_ok_and_a_refused_one_as_failed()
    {
        await using var services = new ServiceCollection().AddMetrics().AddSingleton<AuditMetrics>().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var statuses = new ConcurrentQueue<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == AuditMetrics.AppendDuration)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            Assert.True(seconds >= 0);
            statuses.Enqueue(tags.ToArray().Single(t => t.Key == "status").Value as string);
        });
        listener.Start();
        var options = new AuditOptions { Directory = folder.Path, NodeId = "node-m", MaxFileBytes = 1024 * 1024, Fsync = false };
        await using var archive = new AuditArchive(Microsoft.Extensions.Options.Options.Create(options), folder.Time,
            new ListLogger<AuditArchive>(folder.Logs), services.GetRequiredService<AuditMetrics>());

        await ArchiveFolder.AppendAsync(archive, 1, 2);
        await archive.StopAsync(CancellationToken.None);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => archive.AppendAsync(ArchiveFolder.Record(3), CancellationToken.None));

        Assert.Equal(["ok", "ok", "failed"], statuses);
    }
}
