namespace TicketMail.Core.Mail;

/// <summary>
/// An attachment or inline part as it will be stored. Content is null when the part was left out
/// (over the size limit); the message then carries a note that names it.
/// </summary>
public sealed record InboundAttachment(
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    bool Inline,
    string? ContentId,
    byte[]? Content);
