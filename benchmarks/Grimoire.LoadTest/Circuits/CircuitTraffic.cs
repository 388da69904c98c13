using System.Diagnostics;

namespace Grimoire.LoadTest.Circuits;

/// <summary>One render batch as it arrived: when (driver clock, <see cref="Stopwatch"/> ticks) and its bytes.</summary>
internal readonly record struct ArrivedBatch(long BatchId, long At, byte[] Data);

/// <summary>What one circuit received, counted as it arrives (thread-safe: SignalR calls handlers on the pool).</summary>
internal sealed class CircuitTraffic
{
    private long messages;
    private long bytes;
    private long batches;
    private long batchBytes;
    private long errors;

    public long Messages => Interlocked.Read(ref messages);

    /// <summary>Bytes of every hub message received (render batches, interop calls, pings).</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    public long Batches => Interlocked.Read(ref batches);

    public long BatchBytes => Interlocked.Read(ref batchBytes);

    public long Errors => Interlocked.Read(ref errors);

    public void Message(long size)
    {
        Interlocked.Increment(ref messages);
        Interlocked.Add(ref bytes, size);
    }

    public void Batch(long size)
    {
        Interlocked.Increment(ref batches);
        Interlocked.Add(ref batchBytes, size);
    }

    public void Error() => Interlocked.Increment(ref errors);

    public (long Messages, long Bytes, long Batches, long BatchBytes) Snapshot() => (Messages, Bytes, Batches, BatchBytes);
}
