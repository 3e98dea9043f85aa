using Workbench.Core.Imports;

namespace Workbench.Infrastructure.Imports;

/// <summary>Opens an uploaded file as CSV or XLSX.</summary>
public static class TabularFile
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0];

    /// <summary>
    /// Opens <paramref name="stream"/>: a ZIP (by its first bytes, whatever the name) is read as XLSX, a legacy
    /// <c>.xls</c> or other Office binary is refused, anything else is CSV. The stream is not closed by the file.
    /// </summary>
    /// <param name="stream">The upload; seekable streams are checked against the size limit before reading.</param>
    /// <param name="fileName">The name the user gave, for the format and messages.</param>
    /// <param name="sheet">The XLSX sheet (null: the first); ignored for CSV.</param>
    /// <param name="delimiter">The CSV delimiter (null: detect); ignored for XLSX.</param>
    /// <param name="limits">Size and column limits; null means <see cref="ImportLimits.Default"/>.</param>
    public static ITabularFile Open(Stream stream, string fileName, string? sheet = null, char? delimiter = null, ImportLimits? limits = null)
    {
        limits ??= ImportLimits.Default;
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is ".xls" or ".xlsb" or ".ods" or ".numbers")
        {
            throw new ImportException(new ImportError(ImportErrorCode.UnsupportedFormat, Value: Path.GetFileName(fileName)));
        }
        var format = Sniff(stream, out var prefixed);
        return format switch
        {
            SniffedFormat.Zip => XlsxTableReader.Open(prefixed, sheet, limits),
            SniffedFormat.OleBinary => throw new ImportException(new ImportError(ImportErrorCode.UnsupportedFormat, Value: Path.GetFileName(fileName))),
            _ when extension == ".xlsx" => throw new ImportException(new ImportError(ImportErrorCode.UnreadableWorkbook)),
            _ => CsvTableReader.Open(prefixed, delimiter, limits),
        };
    }

    private enum SniffedFormat
    {
        Text,
        Zip,
        OleBinary,
    }

    // Peeks at the first bytes; a stream that cannot seek gets them put back in front.
    private static SniffedFormat Sniff(Stream stream, out Stream prefixed)
    {
        Span<byte> head = stackalloc byte[4];
        var start = stream.CanSeek ? stream.Position : 0;
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (stream.CanSeek)
        {
            stream.Position = start;
            prefixed = stream;
        }
        else
        {
            prefixed = new PrefixedStream(head[..read].ToArray(), stream);
        }
        var bytes = head[..read];
        return bytes.SequenceEqual(ZipSignature) ? SniffedFormat.Zip
            : bytes.SequenceEqual(OleSignature) ? SniffedFormat.OleBinary
            : SniffedFormat.Text;
    }

    private sealed class PrefixedStream(byte[] prefix, Stream inner) : Stream
    {
        private int _prefixRead;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_prefixRead < prefix.Length && buffer.Length > 0)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _prefixRead);
                prefix.AsSpan(_prefixRead, n).CopyTo(buffer);
                _prefixRead += n;
                return n;
            }
            return inner.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
