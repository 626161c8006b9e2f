using System.Security.Cryptography;

namespace TicketMail.Core.Content;

/// <summary>
/// A write-only stream that attachment content is decoded into: it hashes every byte as it passes and keeps
/// the bytes only while they fit the limit, so an oversized part costs no memory. A small part is kept as it
/// is decoded. A large one is decoded a second time, straight into one array of exactly the size the first
/// pass measured: a growing MemoryStream plus ToArray would peak at up to three times the attachment.
/// </summary>
internal sealed class AttachmentBuffer : WriteOnlyStream
{
    /// <summary>Parts up to this size are decoded once; larger ones twice (measure, then into an exact array).</summary>
    public const int SmallSize = 256 * 1024;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly long _limit;
    private MemoryStream? _small;
    private byte[]? _exact;

    private AttachmentBuffer(long limit, byte[]? exact)
    {
        _limit = limit;
        _exact = exact;
        _small = exact is null ? new MemoryStream() : null;
    }

    /// <summary>Decodes the part once, and a second time only when it is larger than <see cref="SmallSize"/> yet within the limit.</summary>
    public static AttachmentBuffer Decode(long limit, Action<Stream> decode)
    {
        var first = new AttachmentBuffer(limit, null);
        decode(first);
        if (first._small is not null || first.OverLimit || first.Size > Array.MaxLength)
        {
            return first;
        }

        var size = first.Size;
        first.Dispose();
        var second = new AttachmentBuffer(limit, new byte[size]);
        decode(second);
        return second;
    }

    public bool OverLimit => Size > _limit;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        var at = Size;
        Size += buffer.Length;
        if (_small is not null)
        {
            if (Size > SmallSize || OverLimit)
            {
                // Too large to keep while measuring: Decode fills an exact array on a second pass.
                _small.Dispose();
                _small = null;
            }
            else
            {
                _small.Write(buffer);
            }

            return;
        }

        if (_exact is null)
        {
            return;
        }

        if (Size > _exact.Length)
        {
            // The second decode gave more than the first: never silently truncate.
            throw new InvalidOperationException("the attachment decoded to a different size the second time");
        }

        buffer.CopyTo(_exact.AsSpan((int)at));
    }

    /// <summary>The SHA-256 (lower-case hex) and the content, or null content when it was over the limit.</summary>
    public (string Sha256, byte[]? Content) Finish() =>
        (Convert.ToHexStringLower(_hash.GetHashAndReset()), OverLimit ? null : _small?.ToArray() ?? (_exact?.LongLength == Size ? _exact : null));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            _small?.Dispose();
            _small = null;
            _exact = null;
        }

        base.Dispose(disposing);
    }
}
