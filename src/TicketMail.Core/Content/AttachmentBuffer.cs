using System.Security.Cryptography;

namespace TicketMail.Core.Content;

/// <summary>
/// A write-only stream that attachment content is decoded into: it hashes every byte as it passes and keeps
/// the bytes only while they fit the limit, so an oversized part costs no memory. With the decoded size
/// known in advance (<see cref="Decode"/> measures it first) the bytes go straight into one array of exactly
/// that size: a growing MemoryStream plus ToArray would peak at up to three times the attachment.
/// </summary>
internal sealed class AttachmentBuffer(long limit, long? exactSize = null) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[]? _kept = exactSize is { } size && size <= limit ? new byte[size] : null;
    private readonly bool _overLimit = exactSize is null || exactSize > limit;

    /// <summary>
    /// Decodes twice: once to measure (and hash), keeping nothing, then, when it fits the limit, into an
    /// array of exactly the decoded size. Decoding is cheap next to holding a second copy of a large part.
    /// </summary>
    public static AttachmentBuffer Decode(long limit, Action<Stream> decode)
    {
        var measure = new AttachmentBuffer(limit);
        decode(measure);
        if (measure.Size > limit || measure.Size > Array.MaxLength)
        {
            return measure;
        }

        var size = measure.Size;
        measure.Dispose();
        var kept = new AttachmentBuffer(limit, size);
        decode(kept);
        return kept;
    }

    public long Size { get; private set; }

    public bool OverLimit => _overLimit;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Size;
    public override long Position { get => Size; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        var at = Size;
        Size += buffer.Length;
        if (_kept is null)
        {
            return;
        }

        if (Size > _kept.Length)
        {
            // The second decode gave more than the first: never silently truncate.
            throw new InvalidOperationException("the attachment decoded to a different size the second time");
        }

        buffer.CopyTo(_kept.AsSpan((int)at));
    }

    /// <summary>The SHA-256 (lower-case hex) and the content, or null content when it was over the limit.</summary>
    public (string Sha256, byte[]? Content) Finish() =>
        (Convert.ToHexStringLower(_hash.GetHashAndReset()), _overLimit || _kept is null || _kept.LongLength != Size ? null : _kept);

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
            _kept = null;
        }

        base.Dispose(disposing);
    }
}
