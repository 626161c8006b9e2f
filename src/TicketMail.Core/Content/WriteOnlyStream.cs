namespace TicketMail.Core.Content;

/// <summary>
/// The sink MimeKit decodes a part into (<c>DecodeTo</c> takes a Stream): it only counts or keeps what is written,
/// so everything but Write is fixed here once. <see cref="Position"/> is the number of bytes written so far.
/// </summary>
internal abstract class WriteOnlyStream : Stream
{
    /// <summary>Every byte written so far, kept or not.</summary>
    public long Size { get; protected set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Size;
    public override long Position { get => Size; set => throw new NotSupportedException(); }

    public abstract override void Write(ReadOnlySpan<byte> buffer);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
