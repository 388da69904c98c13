using System.Security.Cryptography;

namespace Grimoire.Core.Attachments.Storage;

/// <summary>
/// Reads through to <paramref name="inner"/>, hashing (SHA-256) and counting as the bytes go by, and keeping the first
/// <see cref="Reading.ContentSniffer.HeadBytes"/> for sniffing. Past <paramref name="maxBytes"/> it throws
/// <see cref="FileTooLargeException"/>, so an over-size upload stops while it streams.
/// </summary>
internal sealed class HashingLimitStream(Stream inner, long maxBytes) : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly MemoryStream head = new();

    public long Count { get; private set; }

    public ReadOnlySpan<byte> Head => head.GetBuffer().AsSpan(0, (int)head.Length);

    public string HashHex() => Convert.ToHexStringLower(hash.GetCurrentHash());

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Count; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Take(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        return Take(buffer.Span[..n]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
            head.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Take(ReadOnlySpan<byte> read)
    {
        Count += read.Length;
        if (Count > maxBytes)
        {
            throw new FileTooLargeException();
        }

        hash.AppendData(read);
        var room = Reading.ContentSniffer.HeadBytes - (int)head.Length;
        if (room > 0)
        {
            head.Write(read[..Math.Min(room, read.Length)]);
        }

        return read.Length;
    }
}

internal sealed class FileTooLargeException : IOException
{
    public FileTooLargeException()
        : base("The file is larger than allowed.")
    {
    }
}
