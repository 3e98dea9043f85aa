namespace Workbench.Tests.Infrastructure.Imports;

/// <summary>The good and bad files of Fixtures/Files/Imports, and streams that behave like uploads.</summary>
internal static class ImportFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Files", "Imports", name);

    public static Stream Open(string name) => File.OpenRead(PathOf(name));

    /// <summary>A stream that cannot seek or tell its length, as an HTTP request body.</summary>
    public static Stream Unseekable(byte[] bytes) => new ForwardOnlyStream(new MemoryStream(bytes));

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 1000));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
