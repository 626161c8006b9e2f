namespace TicketMail.Core.Content;

/// <summary>
/// A write-only stream that a text part is decoded into: it keeps the first <c>limit</c> bytes and only counts
/// the rest, so a 40 MB text body costs its prefix in memory, not the decoded part plus several string copies.
/// </summary>
internal sealed class TextPrefix(int limit, int capacity) : WriteOnlyStream
{
    private readonly MemoryStream _kept = new(Math.Min(limit, capacity));

    public bool Truncated => Size > _kept.Length;

    /// <summary>
    /// The kept bytes. A cut prefix ends at its last line break, so no multi-byte character is split (that would
    /// read as bytes that contradict the charset, and the whole text would fall back to windows-1252).
    /// </summary>
    public ReadOnlySpan<byte> Bytes
    {
        get
        {
            var kept = _kept.GetBuffer().AsSpan(0, (int)_kept.Length);
            if (!Truncated)
            {
                return kept;
            }

            var end = kept.LastIndexOf((byte)'\n');
            return end > 0 ? kept[..(end + 1)] : kept;
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var room = (int)Math.Max(0, limit - _kept.Length);
        _kept.Write(buffer[..Math.Min(room, buffer.Length)]);
        Size += buffer.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _kept.Dispose();
        }

        base.Dispose(disposing);
    }
}
