namespace TicketMail.Data.Entities;

/// <summary>An attachment or inline image of a message. Its bytes are in <see cref="AttachmentBlob"/>, keyed by hash.</summary>
// Not sealed: EF's precompiled materializers test entities against IInjectableService, which a sealed class fails to compile.
public class StoredAttachment
{
    public long Id { get; set; }
    public long StoredMessageId { get; set; }
    public StoredMessage? Message { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public bool Inline { get; set; }
    public string? ContentId { get; set; }

    /// <summary>True when the content was left out (over the size limit); the message's notes say so.</summary>
    public bool Omitted { get; set; }
}
