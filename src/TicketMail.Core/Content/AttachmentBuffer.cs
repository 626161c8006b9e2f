using System.Security.Cryptography;

namespace TicketMail.Core.Content;

/// <summary>
/// A write-only stream that attachment content is decoded into exactly once: it hashes every byte as it
/// passes and keeps the bytes only while they fit the limit, so an oversized part costs no memory.
/// </summary>
internal sealed class AttachmentBuffer(long limit) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private MemoryStream? _kept = new();

    public long Size { get; private set; }

    public bool OverLimit => _kept is null;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Size;
    public override long Position { get => Size; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        Size += buffer.Length;
        if (_kept is not null && Size > limit)
        {
            _kept.Dispose();
            _kept = null;
        }

        _kept?.Write(buffer);
    }

    /// <summary>The SHA-256 (lower-case hex) and the content, or null content when it was over the limit.</summary>
    public (string Sha256, byte[]? Content) Finish() => (Convert.ToHexStringLower(_hash.GetHashAndReset()), _kept?.ToArray());

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            _kept?.Dispose();
        }

        base.Dispose(disposing);
    }
}
