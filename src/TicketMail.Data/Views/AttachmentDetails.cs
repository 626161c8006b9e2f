namespace TicketMail.Data.Views;

public sealed record AttachmentDetails(
    long Id,
    long MessageId,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    bool Inline,
    string? ContentId,
    bool Omitted);
