namespace TicketMail.Data;

/// <summary>
/// The original bytes of a message as the store receives them. A small message comes as an array; a large one
/// as the seekable stream of its spool or input file, which the store copies into the database in chunks, so
/// that a 40 MB message is never held whole in memory (nor copied again by the database driver).
/// </summary>
public sealed class RawContent
{
    /// <summary>Messages up to this size are read into memory; larger ones are streamed from their file.</summary>
    public const long InMemoryLimit = 1024 * 1024;

    private RawContent(byte[]? bytes, Stream? stream, long length)
    {
        Bytes = bytes;
        Stream = stream;
        Length = length;
    }

    public byte[]? Bytes { get; }

    public Stream? Stream { get; }

    public long Length { get; }

    public static RawContent FromBytes(byte[] bytes) => new(bytes, null, bytes.LongLength);

    /// <param name="stream">Seekable; the store reads it from the start.</param>
    public static RawContent FromStream(Stream stream, long length) =>
        stream.CanSeek ? new(null, stream, length) : throw new ArgumentException("the raw message stream must be seekable", nameof(stream));
}
