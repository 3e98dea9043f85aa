using Workbench.Core.Imports;

namespace Workbench.Infrastructure.Imports;

/// <summary>Reads through to another stream and throws <see cref="ImportErrorCode.FileTooLarge"/> once more than the limit has been read.</summary>
public sealed class LimitedReadStream(Stream inner, long maxBytes) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public static void ThrowIfTooLarge(Stream stream, long maxBytes)
    {
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Count(read);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Count(read);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Seeking (ZIP readers jump around) re-reads bytes; counting positions rather than reads would be exact, but the
    // seekable case is already checked up front by ThrowIfTooLarge.
    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Count(int read)
    {
        _read += read;
        if (!inner.CanSeek && _read > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
    }

    private static ImportException TooLarge(long maxBytes) =>
        new(new ImportError(ImportErrorCode.FileTooLarge) { Limit = maxBytes });
}
