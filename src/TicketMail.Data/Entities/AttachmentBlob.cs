namespace TicketMail.Data.Entities;

/// <summary>Attachment content, stored once per SHA-256 however many messages carry it.</summary>
// Not sealed: EF's precompiled materializers test entities against IInjectableService, which a sealed class fails to compile.
public class AttachmentBlob
{
    public required string Sha256 { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
}
