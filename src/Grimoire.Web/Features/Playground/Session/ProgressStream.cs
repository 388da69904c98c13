namespace Grimoire.Web.Features.Playground.Session;

/// <summary>Reads through, telling <paramref name="report"/> the fraction read at most every 5 %.</summary>
internal sealed class ProgressStream(Stream inner, long total, Action<double> report) : Stream
{
    private long read;
    private double reported;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => total;

    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int n)
    {
        read += n;
        var fraction = total <= 0 ? 1 : Math.Min(1, (double)read / total);
        if (fraction - reported >= 0.05 || (n == 0 && reported < 1))
        {
            reported = n == 0 ? 1 : fraction;
            report(reported);
        }

        return n;
    }
}
